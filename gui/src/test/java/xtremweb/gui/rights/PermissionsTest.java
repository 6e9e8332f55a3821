package xtremweb.gui.rights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.UserView;

class PermissionsTest {
    private static final String ME = "11111111-1111-1111-1111-111111111111";
    private static final String OTHER = "22222222-2222-2222-2222-222222222222";

    private static Permissions as(UserRights rights) {
        return new Permissions(new UserView(ME, "me", null, rights, null));
    }

    @Test
    void onlyTheOwnerOrAnAdministratorIsOfferedDeleteAndChmod() {
        assertThat(as(UserRights.STANDARD_USER).mayChange(ME)).isTrue();
        assertThat(as(UserRights.STANDARD_USER).mayChange(OTHER)).isFalse();
        assertThat(as(UserRights.ADVANCED_USER).mayChange(OTHER)).isFalse();
        assertThat(as(UserRights.SUPER_USER).mayChange(OTHER)).isTrue();
        assertThat(as(UserRights.WORKER_USER).mayChange(ME)).as("a worker account only runs jobs").isFalse();
    }

    @Test
    void insertingIsForStandardUsersAndAbove() {
        assertThat(as(UserRights.NONE).mayInsert()).isFalse();
        assertThat(as(UserRights.WORKER_USER).mayInsert()).isFalse();
        assertThat(as(UserRights.STANDARD_USER).mayInsert()).isTrue();
    }

    @Test
    void anAppIsOfferedToRunWhenItsExecuteBitAppliesToTheCaller() {
        Permissions standard = as(UserRights.STANDARD_USER);
        assertThat(standard.mayRun(ME, "0x700")).isTrue();
        assertThat(standard.mayRun(OTHER, "0x700")).isFalse();
        assertThat(standard.mayRun(OTHER, "0x755")).isTrue();
        assertThat(standard.mayRun(OTHER, "0x750")).as("its group may: given the benefit of the doubt").isTrue();
        assertThat(standard.mayRun(ME, "0x600")).isFalse();
        assertThat(as(UserRights.WORKER_USER).mayRun(OTHER, "0x755")).isFalse();
    }

    @Test
    void worksGoIntoASessionTheCallerMayWrite() {
        Permissions standard = as(UserRights.STANDARD_USER);
        assertThat(standard.mayWriteInto(ME, "0x700")).isTrue();
        assertThat(standard.mayWriteInto(OTHER, "0x755")).isFalse();
        assertThat(standard.mayWriteInto(OTHER, "0x770")).isTrue();
    }

    @Test
    void workersAreManagedByTheirAdvancedOwnerOrAnAdministrator() {
        assertThat(as(UserRights.STANDARD_USER).mayManageHost(ME)).isFalse();
        assertThat(as(UserRights.ADVANCED_USER).mayManageHost(ME)).isTrue();
        assertThat(as(UserRights.ADVANCED_USER).mayManageHost(OTHER)).isFalse();
        assertThat(as(UserRights.SUPER_USER).mayManageHost(OTHER)).isTrue();
    }

    @Test
    void nobodyCreatesAUserAboveItself() {
        assertThat(as(UserRights.SUPER_USER).mayCreateUserWith(UserRights.SUPER_USER)).isTrue();
        assertThat(as(UserRights.ADVANCED_USER).mayCreateUserWith(UserRights.STANDARD_USER)).isFalse();
    }
}
