package xtremweb.server.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import xtremweb.common.model.Uid;
import xtremweb.common.wire.Heartbeat;
import xtremweb.server.refusal.InvalidInput;

/** The task UIDs a worker names in a heartbeat or a goodbye, checked before anything is looked up. */
final class TaskUids {
    private TaskUids() {
    }

    /**
     * The UIDs of {@code field}, each once whatever its capitals, in lower case as tasks are stored.
     * A heartbeat's cost lookups and a cancelled one is sent back, a goodbye's are compared with the
     * host's tasks: anything that is not a UID, or more tasks than a worker runs at once, is refused
     * (400 naming the field) before either.
     */
    static List<String> checked(String field, List<String> uids) {
        if (uids.size() > Heartbeat.MAX_TASKS) {
            throw new InvalidInput("too-many-tasks", field + " names " + uids.size() + " tasks, more than the "
                    + Heartbeat.MAX_TASKS + " a worker may run at once (workpool.size)");
        }
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < uids.size(); i++) {
            String uid = uids.get(i);
            if (!Uid.isUid(uid)) {
                throw new InvalidInput("bad-uid", field + "[" + i + "] is " + (uid == null ? "null" : "'" + uid + "'")
                        + ", not a task UID (like 0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59)");
            }
            named.putIfAbsent(uid.toLowerCase(Locale.ROOT), uid);
        }
        return List.copyOf(named.keySet());
    }
}
