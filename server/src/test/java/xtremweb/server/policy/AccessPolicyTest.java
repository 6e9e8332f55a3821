package xtremweb.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import xtremweb.common.model.UserRights;
import xtremweb.common.rights.AccessRights;

class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy();
    private static final Caller OWNER = new Caller("owner", "o", UserRights.STANDARD_USER, "g1", null);
    private static final Caller GROUP_MATE = new Caller("mate", "m", UserRights.STANDARD_USER, "g1", null);
    private static final Caller STRANGER = new Caller("other", "x", UserRights.ADVANCED_USER, "g2", null);
    private static final Caller ADMIN = new Caller("admin", "a", UserRights.SUPER_USER, null, null);

    private static Caller caller(String who) {
        return switch (who) {
            case "owner" -> OWNER;
            case "group" -> GROUP_MATE;
            case "other" -> STRANGER;
            default -> ADMIN;
        };
    }

    @ParameterizedTest(name = "{0} on {1}: read={2} write={3} execute={4}")
    @CsvSource({
            "owner, 700, true, true, true",
            "group, 700, false, false, false",
            "other, 700, false, false, false",
            "super, 700, true, true, true",
            "owner, 750, true, true, true",
            "group, 750, true, false, true",
            "other, 750, false, false, false",
            "owner, 755, true, true, true",
            "group, 755, true, false, true",
            "other, 755, true, false, true",
            "other, 604, true, false, false",
            "group, 640, true, false, false",
            "owner, 077, false, false, false",
            "super, 000, true, true, true",
    })
    void ownerGroupAndOthersUseTheirOwnBits(String who, String rights, boolean read, boolean write, boolean execute) {
        Owned object = new Owned("owner", "g1", AccessRights.parse(rights));
        assertThat(policy.mayRead(caller(who), object)).isEqualTo(read);
        assertThat(policy.mayWrite(caller(who), object)).isEqualTo(write);
        assertThat(policy.mayExecute(caller(who), object)).isEqualTo(execute);
    }

    @Test
    void appsArePublicOnlyWhenInsertedByAdvancedUsersOrAbove() {
        assertThat(policy.appRights(UserRights.STANDARD_USER)).isEqualTo(AccessRights.PRIVATE);
        assertThat(policy.appRights(UserRights.WORKER_USER)).isEqualTo(AccessRights.PRIVATE);
        assertThat(policy.appRights(UserRights.ADVANCED_USER)).isEqualTo(AccessRights.PUBLIC);
        assertThat(policy.appRights(UserRights.SUPER_USER)).isEqualTo(AccessRights.PUBLIC);
    }

    @Test
    void workRightsNeverExceedTheAppRights() {
        assertThat(policy.workRights(null, AccessRights.PRIVATE)).isEqualTo(AccessRights.PRIVATE);
        assertThat(policy.workRights(null, AccessRights.PUBLIC)).isEqualTo(AccessRights.PUBLIC);
        assertThat(policy.workRights(AccessRights.GROUP, AccessRights.PUBLIC)).isEqualTo(AccessRights.GROUP);
        assertThat(policy.dataRights(null)).isEqualTo(AccessRights.PUBLIC);
    }

    @Test
    void workerAccountsAndHostsCannotSubmit() {
        assertThat(policy.maySubmit(new Caller("w", "worker", UserRights.WORKER_USER, null, null))).isFalse();
        assertThat(policy.maySubmit(new Caller("u", "u", UserRights.STANDARD_USER, null, "host"))).isFalse();
        assertThat(policy.maySubmit(OWNER)).isTrue();
    }
}
