package xtremweb.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkStatusTest {
    @Test
    void finishedWorksNeverMoveAgain() {
        for (WorkStatus target : WorkStatus.values()) {
            assertThat(WorkStatus.COMPLETED.canMoveTo(target)).isFalse();
            assertThat(WorkStatus.ERROR.canMoveTo(target)).isFalse();
        }
    }

    @Test
    void aRunningWorkGoesBackToPendingWhenItsHostIsLost() {
        assertThat(WorkStatus.RUNNING.canMoveTo(WorkStatus.PENDING)).isTrue();
        assertThat(WorkStatus.PENDING.canMoveTo(WorkStatus.COMPLETED)).isFalse();
    }

    @Test
    void userRightsAreOrderedAsTheManualSays() {
        assertThat(UserRights.WORKER_USER.atLeast(UserRights.STANDARD_USER)).isFalse();
        assertThat(UserRights.SUPER_USER.atLeast(UserRights.ADVANCED_USER)).isTrue();
    }
}
