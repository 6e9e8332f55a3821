package xtremweb.server.work;

import xtremweb.server.policy.Caller;

/**
 * Where a work may be inserted besides its owner's list: a session and a group of works. The
 * grouping package answers; the work package only asks, so it does not depend on it.
 */
public interface WorkPlaces {
    /**
     * Refuses (404) a session or group that does not exist, is deleted or that the caller may not
     * read, and (403) one it may read but not insert into; a null UID is no session or no group.
     */
    void requireInsertable(Caller caller, String sessionUid, String groupUid);

    /**
     * Refuses (404) a session or group that does not exist, is deleted or that the caller may not
     * read: a listing of its works would otherwise be empty, as if it existed and held none.
     */
    void requireReadable(Caller caller, String sessionUid, String groupUid);
}
