package xtremweb.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import xtremweb.server.MutableClock;

class TtlCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TtlCache<String, String> cache = new TtlCache<>(Duration.ofSeconds(30), 3, clock);

    @Test
    void anEntryLastsItsTtlAndNoLonger() {
        cache.put("token", "alice");
        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.get("token")).contains("alice");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("token")).isEmpty();
    }

    @Test
    void aValueThatExpiresSoonerThanTheTtlGoesWithIt() {
        // A login token ending in 5 s is not trusted for 30.
        cache.put("token", "alice", clock.instant().plusSeconds(5));
        clock.advance(Duration.ofSeconds(4));
        assertThat(cache.get("token")).contains("alice");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("token")).isEmpty();
    }

    @Test
    void removingByValueForgetsEveryMatchingEntry() {
        cache.put("t1", "alice");
        cache.put("t2", "alice");
        cache.put("t3", "bob");
        cache.removeIf("alice"::equals);
        assertThat(cache.get("t1")).isEmpty();
        assertThat(cache.get("t2")).isEmpty();
        assertThat(cache.get("t3")).contains("bob");
    }

    @Test
    void itNeverHoldsMoreThanItsBound() {
        cache.put("a", "1");
        cache.put("b", "2");
        clock.advance(Duration.ofSeconds(31));
        cache.put("c", "3");
        cache.put("d", "4");
        // The two expired entries made room; the fresh ones stay.
        assertThat(cache.size()).isEqualTo(2);
        cache.put("e", "5");
        cache.put("f", "6");
        assertThat(cache.size()).isLessThanOrEqualTo(3);
        assertThat(cache.get("f")).contains("6");
    }

    @Test
    void aFullCacheDropsSomeEntriesNotAllAndCountsItsHitsAndMisses() {
        TtlCache<String, String> big = new TtlCache<>(Duration.ofMinutes(5), 100, clock);
        for (int i = 0; i < 150; i++) {
            big.put("k" + i, "v" + i);
        }
        // Bounded, but far from emptied: the hand-written cache it replaced cleared itself when full.
        assertThat(big.size()).isBetween(50L, 100L);
        assertThat(big.get("k149")).contains("v149");
        assertThat(big.get("nobody")).isEmpty();
        NamedCache.Stats stats = big.stats();
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.puts()).isEqualTo(150);
        assertThat(stats.evictions()).isGreaterThanOrEqualTo(50);
        assertThat(stats.hitRate()).isEqualTo(0.5);
    }
}
