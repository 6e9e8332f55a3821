package xtremweb.server.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Owner keys: one per owner, different for different owners, and new at each server start. */
class OwnerKeysTest {
    private static final String ALICE = "0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59";
    private static final String BOB = "7d1f2e3a-1b2c-4d5e-8f90-a1b2c3d4e5f6";

    @Test
    void tasksOfOneOwnerShareAKeyThatNamesNoOne() {
        OwnerKeys keys = new OwnerKeys();

        String alice = keys.of(ALICE);

        assertThat(keys.of(ALICE)).isEqualTo(alice);
        assertThat(keys.of(BOB)).isNotEqualTo(alice);
        assertThat(alice).matches("[0-9a-f]{32}").doesNotContain(ALICE.substring(0, 8));
    }

    @Test
    void aRestartedServerGivesNewKeys() {
        assertThat(new OwnerKeys().of(ALICE)).isNotEqualTo(new OwnerKeys().of(ALICE));
    }
}
