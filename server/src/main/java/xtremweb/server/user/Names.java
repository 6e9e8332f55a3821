package xtremweb.server.user;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import xtremweb.server.db.Jdbc;

/**
 * The logins of owners, for listings that people read: a listing of data, apps, sessions or groups
 * names each owner by login beside its UID (one query per listing, whatever its length).
 */
public final class Names {
    private final Jdbc jdbc;
    private final UserRepository users;

    public Names(Jdbc jdbc, UserRepository users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    public Map<String, String> logins(Collection<String> userUids) {
        return userUids.isEmpty() ? Map.of() : jdbc.tx("read owners' logins", c -> users.loginsOf(c, userUids));
    }

    /** Each view with its owner's login, read from its owner's UID. */
    public <V> List<V> withOwnerLogins(List<V> views, Function<V, String> ownerUid, BiFunction<V, String, V> withLogin) {
        Map<String, String> logins = logins(views.stream().map(ownerUid).toList());
        return views.stream().map(v -> withLogin.apply(v, logins.get(ownerUid.apply(v)))).toList();
    }
}
