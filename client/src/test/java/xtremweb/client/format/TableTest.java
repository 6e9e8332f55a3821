package xtremweb.client.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsStayAlignedWhenANameIsInAWideScriptOrCarriesCombiningAccents() {
        StringWriter out = new StringWriter();
        new Table("NAME", "OWNER").row("run-1", "alice").row("日本語", "bob").row("cafe\u0301", "carol").print(new PrintWriter(out));

        List<String> lines = out.toString().lines().toList();
        // Where OWNER starts on screen: three CJK characters take six columns, "e" + combining accent one.
        assertThat(lines).containsExactly("NAME    OWNER", "run-1   alice", "日本語  bob", "cafe\u0301    carol");
        assertThat(Table.width("日本語")).isEqualTo(6);
        assertThat(Table.width("cafe\u0301")).isEqualTo(4);
    }
}
