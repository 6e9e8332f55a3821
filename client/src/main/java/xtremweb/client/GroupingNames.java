package xtremweb.client;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import xtremweb.client.api.Groupings;
import xtremweb.client.api.Uids;
import xtremweb.common.wire.GroupingView;

/**
 * The UID of {@code --xwsession} or {@code --xwgroup}: as given when it is one, else the session or
 * group of that name. People remember the name they gave xwsendsession, not the UID it printed; the
 * server takes UIDs only and answered "no session run-1 visible to you" while xwsessions listed
 * run-1. Names are one per owner, whatever their case, as the server keeps them.
 */
final class GroupingNames {
    private GroupingNames() {
    }

    /**
     * @param kind     "session" or "group"
     * @param listed   the sessions or groups of the caller (a SUPER_USER sees everybody's)
     * @param myUid    the caller's UID, which picks the caller's own among several of that name
     * @throws IllegalArgumentException naming what to give instead, when none or several have that name
     */
    static String uid(String kind, String given, Groupings listed, java.util.function.Supplier<String> myUid) {
        Optional<String> uid = Uids.parse(given);
        if (uid.isPresent()) {
            return uid.get();
        }
        List<GroupingView> named = listed.list().stream()
                .filter(g -> g.name().toLowerCase(Locale.ROOT).equals(given.toLowerCase(Locale.ROOT))).toList();
        if (named.size() > 1) {
            String me = myUid.get();
            named = named.stream().filter(g -> g.ownerUid().equals(me)).toList();
        }
        if (named.size() == 1) {
            return named.get(0).uid();
        }
        throw new IllegalArgumentException("--xw" + kind + " " + given + ": "
                + (named.isEmpty() ? "you have no " + kind + " of that name; create it with xwsend" + kind + " " + given
                        + ", or give the UID of one that xw" + kind + "s lists"
                        : "several users' " + kind + "s have that name and none is yours; give the UID of the one meant"
                        + " (xw" + kind + "s lists them)"));
    }
}
