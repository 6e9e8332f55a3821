package xtremweb.gui.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import xtremweb.common.wire.UserView;

/**
 * Owners' logins for the tables' "Owner" columns: the user's own, and for an administrator (who
 * may list users) everybody's; other users show as the start of their UID. Listed off the event
 * thread, at most once a minute.
 */
public final class Owners {
    private static final long RELOAD_NANOS = 60_000_000_000L;
    private final Session session;
    private final Map<String, String> logins = new ConcurrentHashMap<>();
    private volatile long loaded;

    public Owners(Session session) {
        this.session = session;
        logins.put(session.me().uid(), session.me().login());
    }

    /** Called off the event thread before a table is loaded. */
    public void refresh() {
        if (!session.may().superUser() || System.nanoTime() - loaded < RELOAD_NANOS && loaded != 0) {
            return;
        }
        loaded = System.nanoTime();
        for (UserView user : session.client().admin().users()) {
            logins.put(user.uid(), user.login());
        }
    }

    /** A login, or the first block of the UID when it is not known here. */
    public String login(String userUid) {
        if (userUid == null) {
            return "";
        }
        String login = logins.get(userUid);
        if (login != null) {
            return login;
        }
        int dash = userUid.indexOf('-');
        return dash > 0 ? userUid.substring(0, dash) : userUid;
    }
}
