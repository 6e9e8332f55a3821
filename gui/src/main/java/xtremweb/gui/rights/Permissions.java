package xtremweb.gui.rights;

import xtremweb.common.model.UserRights;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.UserView;

/**
 * What the logged-in user may do, so that the GUI offers only those actions: the manual's rules as
 * the server applies them (the server still decides; a refusal shows its sentence). Only the owner
 * or a SUPER_USER deletes or changes rights; STANDARD_USER and above insert; ADVANCED_USER and above
 * manage their own workers; a SUPER_USER manages users. The group of another user's object is not
 * known here, so group bits are given the benefit of the doubt.
 */
public record Permissions(UserView me) {
    private static final int OWNER = 2;
    private static final int GROUP = 1;
    private static final int OTHERS = 0;
    private static final int WRITE = 2;
    private static final int EXECUTE = 1;

    public boolean superUser() {
        return me.rights() == UserRights.SUPER_USER;
    }

    /** Inserting apps, data, works, sessions and groups. */
    public boolean mayInsert() {
        return me.rights().atLeast(UserRights.STANDARD_USER);
    }

    public boolean owns(String ownerUid) {
        return me.uid().equals(ownerUid);
    }

    /** Deleting an object or changing its rights: its owner (not as a worker account) or a SUPER_USER. */
    public boolean mayChange(String ownerUid) {
        return superUser() || (owns(ownerUid) && me.rights() != UserRights.WORKER_USER && me.rights() != UserRights.NONE);
    }

    /** Running an app: its execute bit for the caller (owner, else group or others). */
    public boolean mayRun(String ownerUid, String accessRights) {
        return mayInsert() && allows(ownerUid, accessRights, EXECUTE);
    }

    /** Inserting works into a session or group: its write bit for the caller. */
    public boolean mayWriteInto(String ownerUid, String accessRights) {
        return mayInsert() && allows(ownerUid, accessRights, WRITE);
    }

    /** Switching a worker on or off: its owner (ADVANCED_USER and above) or a SUPER_USER. */
    public boolean mayManageHost(String ownerUid) {
        return superUser() || (me.rights().atLeast(UserRights.ADVANCED_USER) && owns(ownerUid));
    }

    /** Seeing the grid's workers at all. */
    public boolean maySeeHosts() {
        return me.rights().atLeast(UserRights.ADVANCED_USER);
    }

    /** The highest rights this user may give a new user: its own (only a SUPER_USER creates users). */
    public boolean mayCreateUserWith(UserRights rights) {
        return superUser() && me.rights().atLeast(rights);
    }

    private boolean allows(String ownerUid, String accessRights, int bit) {
        if (superUser()) {
            return true;
        }
        AccessRights rights;
        try {
            rights = AccessRights.parse(accessRights);
        } catch (RuntimeException e) {
            return true;
        }
        if (owns(ownerUid)) {
            return (rights.classBits(OWNER) & bit) != 0;
        }
        return ((rights.classBits(GROUP) | rights.classBits(OTHERS)) & bit) != 0;
    }
}
