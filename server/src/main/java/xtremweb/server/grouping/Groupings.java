package xtremweb.server.grouping;

import java.time.Clock;
import xtremweb.server.data.DataService;
import xtremweb.server.db.Jdbc;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.work.WorkPlaces;
import xtremweb.server.work.WorkRepository;

/** Sessions and groups of works together, and the check a submission makes on them. */
public final class Groupings implements WorkPlaces {
    private final GroupingService sessions;
    private final GroupingService groups;

    public Groupings(Jdbc jdbc, WorkRepository works, DataService datas, AccessPolicy policy, Clock clock) {
        this.sessions = new GroupingService(Grouping.SESSION, jdbc, works, datas, policy, clock);
        this.groups = new GroupingService(Grouping.GROUP, jdbc, works, datas, policy, clock);
    }

    @Override
    public void requireInsertable(Caller caller, String sessionUid, String groupUid) {
        if (sessionUid != null) {
            sessions.requireInsertable(caller, sessionUid);
        }
        if (groupUid != null) {
            groups.requireInsertable(caller, groupUid);
        }
    }

    @Override
    public void requireReadable(Caller caller, String sessionUid, String groupUid) {
        if (sessionUid != null) {
            sessions.get(caller, sessionUid);
        }
        if (groupUid != null) {
            groups.get(caller, groupUid);
        }
    }

    GroupingService sessions() {
        return sessions;
    }

    GroupingService groups() {
        return groups;
    }
}
