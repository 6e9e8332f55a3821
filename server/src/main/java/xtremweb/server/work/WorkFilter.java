package xtremweb.server.work;

import java.util.ArrayList;
import java.util.List;
import xtremweb.common.model.WorkStatus;

/**
 * Which works a listing or a bulk change is about; null means "any". The SQL is made of fixed
 * fragments only, the values are bound.
 */
public record WorkFilter(String ownerUid, WorkStatus status, String sessionUid, String groupUid) {
    public static WorkFilter inSession(String sessionUid) {
        return new WorkFilter(null, null, sessionUid, null);
    }

    public static WorkFilter inGroup(String groupUid) {
        return new WorkFilter(null, null, null, groupUid);
    }

    /** {@code w.deleted = FALSE AND ...} for the set fields, their values appended to {@code params}. */
    String where(List<String> params) {
        List<String> conditions = new ArrayList<>(List.of("w.deleted = FALSE"));
        add(conditions, params, "w.owner_uid = ?", ownerUid);
        add(conditions, params, "w.status = ?", status == null ? null : status.name());
        add(conditions, params, "w.session_uid = ?", sessionUid);
        add(conditions, params, "w.group_uid = ?", groupUid);
        return String.join(" AND ", conditions);
    }

    private static void add(List<String> conditions, List<String> params, String condition, String value) {
        if (value != null) {
            conditions.add(condition);
            params.add(value);
        }
    }
}
