package xtremweb.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import xtremweb.server.cache.CacheDirectory;
import xtremweb.server.cache.NamedCache;

/**
 * The server's in-memory caches (tokens, hosts, apps, task inputs) in Micrometer's cache
 * vocabulary: {@code cache_gets_total{result="hit|miss"}}, {@code cache_puts_total},
 * {@code cache_evictions_total}, {@code cache_size}, and {@code cache_hit_ratio}, one {@code cache}
 * label per name.
 */
final class CacheMetrics {
    private CacheMetrics() {
    }

    static void bind(MeterRegistry registry) {
        Set<String> names = new TreeSet<>();
        for (NamedCache cache : CacheDirectory.live()) {
            names.add(cache.name());
        }
        for (String name : names) {
            FunctionCounter.builder("cache.gets", name, n -> sum(n, s -> s.hits())).tag("cache", name).tag("result", "hit")
                    .description("cache lookups").register(registry);
            FunctionCounter.builder("cache.gets", name, n -> sum(n, s -> s.misses())).tag("cache", name).tag("result", "miss")
                    .description("cache lookups").register(registry);
            FunctionCounter.builder("cache.puts", name, n -> sum(n, s -> s.puts())).tag("cache", name)
                    .description("entries stored").register(registry);
            FunctionCounter.builder("cache.evictions", name, n -> sum(n, s -> s.evictions())).tag("cache", name)
                    .description("entries dropped to make room").register(registry);
            Gauge.builder("cache.size", name, n -> CacheDirectory.live().stream().filter(c -> n.equals(c.name()))
                    .mapToLong(NamedCache::size).sum()).tag("cache", name).description("entries held").register(registry);
            // The rate an operator looks at first; the counters above give it over any window too.
            Gauge.builder("cache.hit.ratio", name, n -> {
                double hits = sum(n, s -> s.hits());
                double lookups = hits + sum(n, s -> s.misses());
                return lookups == 0 ? Double.NaN : hits / lookups;
            }).tag("cache", name).description("hits over lookups since the start, 0 to 1").register(registry);
        }
    }

    // Several servers in one JVM (tests) share the names: their caches add up.
    private static double sum(String name, ToLongFunction<NamedCache.Stats> field) {
        return CacheDirectory.live().stream().filter(c -> name.equals(c.name())).mapToLong(c -> field.applyAsLong(c.stats())).sum();
    }
}
