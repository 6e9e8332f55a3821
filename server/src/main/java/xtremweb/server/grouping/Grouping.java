package xtremweb.server.grouping;

import java.util.function.Function;
import xtremweb.server.work.WorkFilter;

/**
 * The two ways the manual lets a job be gathered with others: a session and a group. They behave
 * alike (owned, with access rights, deleting one deletes its works); only names differ.
 */
enum Grouping {
    SESSION("session", "sessions", "sessions", WorkFilter::inSession),
    GROUP("group", "groups", "workgroups", WorkFilter::inGroup);

    private final String noun;
    private final String collection;
    private final String table;
    private final Function<String, WorkFilter> works;

    Grouping(String noun, String collection, String table, Function<String, WorkFilter> works) {
        this.noun = noun;
        this.collection = collection;
        this.table = table;
        this.works = works;
    }

    /** "session" or "group", for messages. */
    String noun() {
        return noun;
    }

    /** The API path segment: {@code /api/v1/sessions}, {@code /api/v1/groups}. */
    String collection() {
        return collection;
    }

    /** The table; a constant, never input. */
    String table() {
        return table;
    }

    /** The works inserted into the session or group with this UID. */
    WorkFilter works(String uid) {
        return works.apply(uid);
    }

    /** The client command that lists them, for messages. */
    String listCommand() {
        return "xw" + collection;
    }
}
