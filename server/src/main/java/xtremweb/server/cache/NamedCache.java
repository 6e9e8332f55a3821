package xtremweb.server.cache;

/** A cache the metrics report under its name: its running totals and its size. */
public interface NamedCache {
    String name();

    Stats stats();

    long size();

    /** Lookups that found a valid entry, those that did not, entries stored, entries dropped (room or age). */
    record Stats(long hits, long misses, long puts, long evictions) {
        /** Hits over lookups, 0 to 1; NaN before the first lookup. */
        public double hitRate() {
            long lookups = hits + misses;
            return lookups == 0 ? Double.NaN : (double) hits / lookups;
        }
    }

    /** A Caffeine cache built with {@code recordStats()}, under a name for the metrics. */
    static NamedCache of(String name, com.github.benmanes.caffeine.cache.Cache<?, ?> cache) {
        NamedCache named = new NamedCache() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Stats stats() {
                var s = cache.stats();
                return new Stats(s.hitCount(), s.missCount(), s.loadSuccessCount(), s.evictionCount());
            }

            @Override
            public long size() {
                return cache.estimatedSize();
            }
        };
        // The directory holds it weakly: the cache's owner keeps it alive through this reference.
        CacheDirectory.add(named);
        return named;
    }
}
