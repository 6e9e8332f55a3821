package xtremweb.server.policy;

import java.util.Objects;
import xtremweb.common.model.UserRights;
import xtremweb.common.rights.AccessRights;

/**
 * Decides every permission, as the manual says: the owner uses the owner bits, a member of the
 * owner's user group the group bits, anybody else the other bits; a SUPER_USER may do anything.
 * Pure: no database, no clock, so the whole matrix is unit tested.
 */
public final class AccessPolicy {
    private static final int READ = 4;
    private static final int WRITE = 2;
    private static final int EXECUTE = 1;
    private static final int OWNER = 2;
    private static final int GROUP = 1;
    private static final int OTHERS = 0;

    public boolean mayRead(Caller caller, Owned object) {
        return allows(caller, object, READ);
    }

    public boolean mayWrite(Caller caller, Owned object) {
        return allows(caller, object, WRITE);
    }

    public boolean mayExecute(Caller caller, Owned object) {
        return allows(caller, object, EXECUTE);
    }

    private static boolean allows(Caller caller, Owned object, int bit) {
        if (caller.isSuperUser()) {
            return true;
        }
        int shift;
        if (caller.userUid().equals(object.ownerUid())) {
            shift = OWNER;
        } else if (caller.usergroupUid() != null && Objects.equals(caller.usergroupUid(), object.ownerGroupUid())) {
            shift = GROUP;
        } else {
            shift = OTHERS;
        }
        return (object.rights().classBits(shift) & bit) != 0;
    }

    /** App rights cannot be chosen: public when inserted by an ADVANCED_USER or above, private otherwise. */
    public AccessRights appRights(UserRights inserter) {
        return inserter.atLeast(UserRights.ADVANCED_USER) ? AccessRights.PUBLIC : AccessRights.PRIVATE;
    }

    /** A work never gets wider rights than its app: requested (public by default) AND app rights. */
    public AccessRights workRights(AccessRights requested, AccessRights app) {
        return (requested == null ? AccessRights.PUBLIC : requested).and(app);
    }

    /** Data is public unless its owner asks otherwise. */
    public AccessRights dataRights(AccessRights requested) {
        return requested == null ? AccessRights.PUBLIC : requested;
    }

    /** Inserting data, apps and works is for STANDARD_USER and above; worker accounts only run jobs. */
    public boolean maySubmit(Caller caller) {
        return caller.rights().atLeast(UserRights.STANDARD_USER) && caller.hostUid() == null;
    }
}
