package xtremweb.server.policy;

import java.util.Objects;
import xtremweb.common.model.UserRights;
import xtremweb.common.rights.AccessRights;

/**
 * Decides every permission, as the manual says. Read, write and execute follow the object's
 * rights: the owner uses the owner bits, a member of the owner's user group the group bits,
 * anybody else the other bits. Deleting and changing rights belong to the owner. A SUPER_USER may
 * do anything; NONE may do nothing; a WORKER_USER account only reads and executes (its work goes
 * through its host's tasks). Pure: no database, no clock, so the whole matrix is unit tested.
 */
public final class AccessPolicy {
    private static final int READ = 4;
    private static final int WRITE = 2;
    private static final int EXECUTE = 1;
    private static final int OWNER = 2;
    private static final int GROUP = 1;
    private static final int OTHERS = 0;

    public boolean may(Caller caller, Action action, Owned object) {
        if (caller.hostUid() != null && action != Action.READ && action != Action.EXECUTE) {
            // A host token lives on a worker machine and runs its host's tasks through the worker
            // calls: it changes nothing of its account's (an owner's private worker, a bridge's pilot,
            // a SUPER_USER's machine alike), as it inserts nothing ({@link #maySubmit}).
            return false;
        }
        if (caller.isSuperUser()) {
            return true;
        }
        if (caller.rights() == UserRights.NONE) {
            return false;
        }
        boolean owner = caller.userUid().equals(object.ownerUid());
        boolean worker = caller.rights() == UserRights.WORKER_USER;
        return switch (action) {
            case READ -> allows(caller, object, READ);
            case EXECUTE -> allows(caller, object, EXECUTE);
            case WRITE -> !worker && allows(caller, object, WRITE);
            case DELETE, CHMOD -> !worker && owner;
        };
    }

    /**
     * Whether the caller may find the object to chmod or delete it: it may read it, or may do that
     * anyway. An owner whose own rights no longer let it read (chmod 0) can still chmod or delete
     * it, as a file's owner can in a file system; anybody else still gets a 404 for what it cannot read.
     */
    public boolean mayFindFor(Caller caller, Action action, Owned object) {
        return mayRead(caller, object) || may(caller, action, object);
    }

    public boolean mayRead(Caller caller, Owned object) {
        return may(caller, Action.READ, object);
    }

    public boolean mayWrite(Caller caller, Owned object) {
        return may(caller, Action.WRITE, object);
    }

    public boolean mayExecute(Caller caller, Owned object) {
        return may(caller, Action.EXECUTE, object);
    }

    private static final String HOST_TOKEN_CHANGES_NOTHING = "a host token only runs its host's tasks and changes nothing;"
            + " log in with a user account (xwrc login and password) to do so";

    /**
     * {@code refusal}, the sentence for a caller that may not delete or chmod an object, unless the
     * caller is a host token, which is refused whoever owns the object and is told so.
     */
    public String unlessHost(Caller caller, String refusal) {
        return caller.hostUid() != null ? HOST_TOKEN_CHANGES_NOTHING : refusal;
    }

    /** App rights cannot be changed by anybody: they follow from who inserted the app. */
    public boolean mayChmodApp() {
        return false;
    }

    /**
     * Why {@link #mayWrite} refused, as the caller should read it, from the same rule: a WORKER_USER
     * (or NONE) account never writes; anybody else needs the w bit of its class (owner, the owner's
     * user group, others) in the object's rights.
     */
    public String whyNoWrite(Caller caller, Owned object, String doing) {
        if (caller.hostUid() != null) {
            return HOST_TOKEN_CHANGES_NOTHING;
        }
        if (caller.rights() == UserRights.NONE || caller.rights() == UserRights.WORKER_USER) {
            return "a " + caller.rights() + " account writes nothing, whatever the access rights; use a STANDARD_USER account";
        }
        String whom = switch (relation(caller, object)) {
            case OWNER -> "its owner (you)";
            case GROUP -> "its owner's user group (yours)";
            default -> "others (you are neither its owner nor in its owner's user group)";
        };
        return "its access rights " + object.rights() + " give " + whom + " no write right (w), which " + doing
                + " needs; its owner can grant it with xwchmod";
    }

    private static boolean allows(Caller caller, Owned object, int bit) {
        return (object.rights().classBits(relation(caller, object)) & bit) != 0;
    }

    private static int relation(Caller caller, Owned object) {
        if (caller.userUid().equals(object.ownerUid())) {
            return OWNER;
        }
        if (caller.usergroupUid() != null && Objects.equals(caller.usergroupUid(), object.ownerGroupUid())) {
            return GROUP;
        }
        return OTHERS;
    }

    /** App rights cannot be chosen: public when inserted by an ADVANCED_USER or above, private otherwise. */
    public AccessRights appRights(UserRights inserter) {
        return inserter.atLeast(UserRights.ADVANCED_USER) ? AccessRights.PUBLIC : AccessRights.PRIVATE;
    }

    /** Rights an inserter may ask for an app: at most what {@link #appRights} gives its level. */
    public boolean mayInsertAppWith(UserRights inserter, AccessRights requested) {
        return (requested.bits() & ~appRights(inserter).bits()) == 0;
    }

    /** A work never gets wider rights than its app: requested (public by default) AND app rights. */
    public AccessRights workRights(AccessRights requested, AccessRights app) {
        return (requested == null ? AccessRights.PUBLIC : requested).and(app);
    }

    /** Data is public unless its owner asks otherwise. */
    public AccessRights dataRights(AccessRights requested) {
        return requested == null ? AccessRights.PUBLIC : requested;
    }

    /**
     * Sessions and groups of works organise their owner's jobs: private unless the owner asks
     * otherwise (group-writable lets the owner's user group insert jobs too).
     */
    public AccessRights groupingRights(AccessRights requested) {
        return requested == null ? AccessRights.PRIVATE : requested;
    }

    /** Inserting a job into a session or group is writing into it. */
    public boolean mayInsertInto(Caller caller, Owned sessionOrGroup) {
        return may(caller, Action.WRITE, sessionOrGroup);
    }

    /** Inserting data, apps, works, sessions and groups is for STANDARD_USER and above; worker accounts only run jobs. */
    public boolean maySubmit(Caller caller) {
        return caller.rights().atLeast(UserRights.STANDARD_USER) && caller.hostUid() == null;
    }

    /**
     * Why {@link #maySubmit} refused, as the caller should read it: a host token (a worker's
     * identity, whatever its account's level) or an account below STANDARD_USER.
     */
    public String whyNoSubmit(Caller caller, String what) {
        return caller.hostUid() != null
                ? "a host token cannot insert " + what + "; log in with a user account (xwrc login and password) to do so"
                : "a " + caller.rights() + " account cannot insert " + what + "; use a STANDARD_USER account";
    }

    /** Only a SUPER_USER creates users, and never above its own level. */
    public boolean mayCreateUser(Caller caller, UserRights requested) {
        return caller.isSuperUser() && caller.hostUid() == null && caller.rights().atLeast(requested);
    }

    /** Only a SUPER_USER creates and deletes user groups and deletes users. */
    public boolean mayAdministerUsers(Caller caller) {
        return caller.isSuperUser() && caller.hostUid() == null;
    }

    /** A user sees itself; a SUPER_USER sees everybody. */
    public boolean maySeeUser(Caller caller, String userUid) {
        return caller.isSuperUser() || caller.userUid().equals(userUid);
    }

    /**
     * Listing and (de)activating hosts: a SUPER_USER, or the owner when it is STANDARD_USER or above
     * (a private worker runs under its owner's own account). Not a WORKER_USER: one worker account
     * is shared by many volunteers' machines, so it would show each volunteer the others'. Not
     * with a host token: a worker machine does not manage its owner's other machines.
     */
    public boolean mayManageHost(Caller caller, String hostOwnerUid) {
        if (caller.hostUid() != null) {
            return false;
        }
        return caller.isSuperUser()
                || (caller.rights().atLeast(UserRights.STANDARD_USER) && caller.userUid().equals(hostOwnerUid));
    }

    public WorkerScope workerScope(Caller worker) {
        if (worker.rights() == UserRights.WORKER_USER) {
            return worker.usergroupUid() == null ? WorkerScope.PUBLIC : WorkerScope.GROUP;
        }
        return WorkerScope.PRIVATE;
    }

    /**
     * Whether a worker logged in as {@code worker} may run a work: a public worker runs public
     * works (others may read them), a group worker also its group's works (group may read), a
     * private worker only its owner's works. NONE runs nothing.
     */
    public boolean mayRun(Caller worker, Owned work) {
        if (worker.rights() == UserRights.NONE) {
            return false;
        }
        boolean publicWork = (work.rights().classBits(OTHERS) & READ) != 0;
        return switch (workerScope(worker)) {
            case PUBLIC -> publicWork;
            case GROUP -> publicWork || (worker.usergroupUid().equals(work.ownerGroupUid())
                    && (work.rights().classBits(GROUP) & READ) != 0);
            case PRIVATE -> worker.userUid().equals(work.ownerUid());
        };
    }

    /**
     * Whether the caller may ask for pilot grants (a bridge): any identity a worker may log in with
     * (WORKER_USER and above, so public, group and private workers alike), with its own user token,
     * never a host token. The pilots then run exactly what a worker of that identity runs
     * ({@link #mayRun}): a grant widens nothing.
     */
    public boolean mayRequestPilots(Caller caller) {
        return caller.hostUid() == null && caller.rights().atLeast(UserRights.WORKER_USER);
    }

    /** What a worker running a task may download: data the worker's identity may read. */
    public boolean mayDownloadInput(Caller worker, Owned data) {
        return mayRead(worker, data);
    }
}
