package xtremweb.server.cache;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The named caches alive in this JVM, for the metrics. Caches are made deep inside the services
 * (tokens, hosts, apps, task inputs); listing them here spares threading a metrics object through
 * every constructor. Weak references: a cache of a stopped server (tests run several) goes away.
 */
public final class CacheDirectory {
    private static final List<WeakReference<NamedCache>> CACHES = new CopyOnWriteArrayList<>();

    private CacheDirectory() {
    }

    static void add(NamedCache cache) {
        CACHES.removeIf(ref -> ref.get() == null);
        CACHES.add(new WeakReference<>(cache));
    }

    /** The named caches still in use. */
    public static List<NamedCache> live() {
        List<NamedCache> out = new ArrayList<>();
        for (WeakReference<NamedCache> ref : CACHES) {
            NamedCache cache = ref.get();
            if (cache != null) {
                out.add(cache);
            }
        }
        return out;
    }
}
