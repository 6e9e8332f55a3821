package xtremweb.server.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * A map whose entries expire: each is kept at most {@code ttl} (less when the value itself expires
 * sooner, like a token). Whoever changes the underlying row removes the entry, so this process
 * sees its own changes at once; other servers sharing the database see them within {@code ttl}.
 * Only values found valid are cached, never misses: a stranger's guesses must not fill memory.
 * Bounded: past {@code max} entries the expired ones go, and if that is not enough, all of them.
 */
public final class TtlCache<K, V> {
    private record Entry<V>(V value, Instant expires) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int max;
    private final Clock clock;
    private final String name;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    public TtlCache(Duration ttl, int max, Clock clock) {
        this(null, ttl, max, clock);
    }

    /** A cache whose hits and misses the metrics report under {@code name} (see {@link CacheDirectory}). */
    public TtlCache(String name, Duration ttl, int max, Clock clock) {
        if (ttl.isNegative() || max < 1) {
            throw new IllegalArgumentException("a cache needs a ttl >= 0 and room for at least one entry");
        }
        this.ttl = ttl;
        this.max = max;
        this.clock = clock;
        this.name = name;
        if (name != null) {
            CacheDirectory.add(this);
        }
    }

    /** The name the metrics use, null for an unnamed cache. */
    public String name() {
        return name;
    }

    /** Lookups that found a valid entry, those that did not, entries stored, entries dropped to make room. */
    public Stats stats() {
        return new Stats(hits.sum(), misses.sum(), puts.sum(), evictions.sum());
    }

    /** Running totals since the cache was made. */
    public record Stats(long hits, long misses, long puts, long evictions) {
    }

    public Optional<V> get(K key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            misses.increment();
            return Optional.empty();
        }
        if (!e.expires().isAfter(clock.instant())) {
            entries.remove(key, e);
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(e.value());
    }

    public void put(K key, V value) {
        put(key, value, null);
    }

    /** Caches the value until {@code validUntil} if that comes before the cache's own ttl. */
    public void put(K key, V value, Instant validUntil) {
        Instant expires = clock.instant().plus(ttl);
        if (validUntil != null && validUntil.isBefore(expires)) {
            expires = validUntil;
        }
        if (entries.size() >= max) {
            shrink();
        }
        entries.put(key, new Entry<>(value, expires));
        puts.increment();
    }

    public void remove(K key) {
        entries.remove(key);
    }

    /** Drops every entry whose value matches, e.g. all the tokens of a deleted user. */
    public void removeIf(Predicate<? super V> stale) {
        entries.values().removeIf(e -> stale.test(e.value()));
    }

    public void clear() {
        entries.clear();
    }

    public int size() {
        return entries.size();
    }

    private void shrink() {
        Instant now = clock.instant();
        int before = entries.size();
        entries.values().removeIf(e -> !e.expires().isAfter(now));
        if (entries.size() >= max) {
            entries.clear();
        }
        evictions.add(Math.max(0, before - entries.size()));
    }
}
