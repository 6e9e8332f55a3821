package xtremweb.server.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import xtremweb.server.cache.NamedCache;
import xtremweb.server.db.Jdbc;

/**
 * The logins of owners, for listings that people read: a listing of data, apps, sessions or groups
 * names each owner by login beside its UID (one query per listing, whatever its length).
 *
 * <p>A user's login never changes (there is no rename; a deleted account keeps its row), so the
 * login of a UID, once read, is kept in memory: reading one work, which every waiting client does
 * for each of its jobs, then costs no query for its owner's login. Several servers on one database
 * agree for the same reason. A UID with no user is not remembered.
 */
public final class Names {
    /** Owners of anything listed: a few thousand at most on a big grid. */
    private static final int REMEMBERED = 50_000;
    private final Jdbc jdbc;
    private final UserRepository users;
    private final Cache<String, String> loginByUid = Caffeine.newBuilder().maximumSize(REMEMBERED).recordStats().build();
    @SuppressWarnings("unused") // held so the metrics keep reporting it (the directory holds it weakly)
    private final NamedCache stats = NamedCache.of("owner-logins", loginByUid);

    public Names(Jdbc jdbc, UserRepository users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    public Map<String, String> logins(Collection<String> userUids) {
        if (userUids.isEmpty()) {
            return Map.of();
        }
        Set<String> wanted = new HashSet<>(userUids);
        wanted.remove(null);
        Map<String, String> found = new HashMap<>(loginByUid.getAllPresent(wanted));
        wanted.removeAll(found.keySet());
        if (!wanted.isEmpty()) {
            Map<String, String> read = jdbc.tx("read owners' logins", c -> users.loginsOf(c, wanted));
            loginByUid.putAll(read);
            found.putAll(read);
        }
        return found;
    }

    /** Each view with its owner's login, read from its owner's UID. */
    public <V> List<V> withOwnerLogins(List<V> views, Function<V, String> ownerUid, BiFunction<V, String, V> withLogin) {
        Map<String, String> logins = logins(views.stream().map(ownerUid).toList());
        return views.stream().map(v -> withLogin.apply(v, logins.get(ownerUid.apply(v)))).toList();
    }
}
