package xtremweb.gui.works;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkView;
import xtremweb.gui.table.Column;

class WorksColumnsTest {
    private static WorkView work(String ownerUid, String ownerLogin) {
        return new WorkView("0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59", "a1", "sim", ownerUid, "run", List.of(), WorkStatus.PENDING,
                null, null, null, null, null, "0x755", 0, Instant.parse("2026-12-01T10:00:00Z"), null).withOwnerLogin(ownerLogin);
    }

    private static Object owner(WorkView work) {
        Column<WorkRow> column = WorksTab.columns().stream().filter(c -> c.name().equals("Owner")).findFirst().orElseThrow();
        return column.value().apply(new WorkRow(work, null, null, null));
    }

    @Test
    void anAdministratorTellsWhoseWorkIsWhoseByLogin() {
        assertThat(owner(work("a11ce000-0000-4000-8000-000000000001", "alice"))).isEqualTo("alice");
        assertThat(owner(work("b0b00000-0000-4000-8000-000000000002", "bob"))).isEqualTo("bob");
        // A server that names no login: the start of the UID, as the other tables show unknown owners.
        assertThat(owner(work("b0b00000-0000-4000-8000-000000000002", null))).isEqualTo("b0b00000");
        assertThat(new WorkRow(work("a11ce000-0000-4000-8000-000000000001", "alice"), null, null, null).matches("ALI")).isTrue();
    }
}
