package xtremweb.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurabilityCheckTest {
    @Test
    void flushingEveryCommitNeedsNoWarning() {
        assertThat(DurabilityCheck.warning("1")).isEmpty();
    }

    @Test
    void delayedFlushIsNamedWithTheSettingToChange() {
        assertThat(DurabilityCheck.warning("2")).hasValueSatisfying(w -> assertThat(w)
                .contains("innodb_flush_log_at_trx_commit=2").contains("set innodb_flush_log_at_trx_commit=1"));
        assertThat(DurabilityCheck.warning("0")).isPresent();
    }
}
