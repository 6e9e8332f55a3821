package xtremweb.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * A map whose entries expire: each is kept at most {@code ttl} (less when the value itself expires
 * sooner, like a token). Whoever changes the underlying row removes the entry, so this process
 * sees its own changes at once; other servers sharing the database see them within {@code ttl}.
 * Only values found valid are cached, never misses: a stranger's guesses must not fill memory.
 *
 * <p>Backed by Caffeine: bounded to {@code max} entries by evicting the least useful ones (not by
 * emptying itself when full), with its hit and miss counts for the metrics. Time comes from the
 * given clock, so tests move it; maintenance runs on the calling thread.
 */
public final class TtlCache<K, V> implements NamedCache {
    private record Entry<V>(V value, Instant expires) {
    }

    private final Cache<K, Entry<V>> entries;
    private final Duration ttl;
    private final Clock clock;
    private final String name;
    private final LongAdder puts = new LongAdder();

    public TtlCache(Duration ttl, int max, Clock clock) {
        this(null, ttl, max, clock);
    }

    /** A cache whose hits and misses the metrics report under {@code name} (see {@link CacheDirectory}). */
    public TtlCache(String name, Duration ttl, int max, Clock clock) {
        if (ttl.isNegative() || max < 1) {
            throw new IllegalArgumentException("a cache needs a ttl >= 0 and room for at least one entry");
        }
        this.ttl = ttl;
        this.clock = clock;
        this.name = name;
        this.entries = Caffeine.newBuilder().maximumSize(max).ticker(this::nanos).executor(Runnable::run).recordStats()
                .expireAfter(new Expiry<K, Entry<V>>() {
                    @Override
                    public long expireAfterCreate(K key, Entry<V> entry, long currentTime) {
                        return Math.max(0, entry.expires().toEpochMilli() * 1_000_000L + entry.expires().getNano() % 1_000_000
                                - currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(K key, Entry<V> entry, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, entry, currentTime);
                    }

                    @Override
                    public long expireAfterRead(K key, Entry<V> entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                }).build();
        if (name != null) {
            CacheDirectory.add(this);
        }
    }

    private long nanos() {
        Instant now = clock.instant();
        return now.toEpochMilli() * 1_000_000L + now.getNano() % 1_000_000;
    }

    /** The name the metrics use, null for an unnamed cache. */
    @Override
    public String name() {
        return name;
    }

    /** Lookups that found a valid entry, those that did not, entries stored, entries dropped (room or age). */
    @Override
    public Stats stats() {
        var s = entries.stats();
        return new Stats(s.hitCount(), s.missCount(), puts.sum(), s.evictionCount());
    }

    public Optional<V> get(K key) {
        Entry<V> e = entries.getIfPresent(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
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
        entries.put(key, new Entry<>(value, expires));
        puts.increment();
    }

    public void remove(K key) {
        entries.invalidate(key);
    }

    /** Drops every entry whose value matches, e.g. all the tokens of a deleted user. */
    public void removeIf(Predicate<? super V> stale) {
        entries.asMap().values().removeIf(e -> stale.test(e.value()));
    }

    public void clear() {
        entries.invalidateAll();
    }

    /** Entries held now (expired ones dropped first). */
    @Override
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
