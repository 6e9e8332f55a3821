package xtremweb.gui.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import xtremweb.gui.table.Column;

class DataColumnsTest {
    @Test
    void theNameColumnShowsAResultsWholeNameAsTheUidColumnShowsAUid() {
        // A result is named after its work: "<work UID>.zip". At 18 characters every result read
        // "e2b8e192-feba-4c63-a9bf-..." and could not be told from the next.
        String result = "e2b8e192-feba-4c63-a9bf-0123456789ab.zip";
        Column<?> name = DataTab.columns(null).stream().filter(c -> c.name().equals("Name")).findFirst().orElseThrow();
        Column<?> uid = DataTab.columns(null).stream().filter(c -> c.name().equals("UID")).findFirst().orElseThrow();

        assertThat(name.chars()).isGreaterThanOrEqualTo(result.length() + (uid.chars() - 36));
    }
}
