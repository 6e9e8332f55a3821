package xtremweb.server.metrics;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricsProcessor;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.walkers.CollectorPrometheusMetricsWalker;

/** A scrape read back with a real Prometheus text-format parser (Hawkular's), for assertions. */
public final class PrometheusText {
    private final Map<String, MetricFamily> families = new HashMap<>();

    private PrometheusText(List<MetricFamily> all) {
        all.forEach(f -> families.put(f.getName(), f));
    }

    public static PrometheusText parse(String text) {
        CollectorPrometheusMetricsWalker walker = new CollectorPrometheusMetricsWalker();
        new TextPrometheusMetricsProcessor(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), walker).walk();
        return new PrometheusText(walker.getAllMetricFamilies());
    }

    public boolean has(String family) {
        return families.containsKey(family);
    }

    /** Whether {@code name} is a histogram: only a histogram has the {@code _bucket} series a quantile is computed from. */
    public boolean isHistogram(String name) {
        return has(name) && family(name).getType() == org.hawkular.agent.prometheus.types.MetricType.HISTOGRAM;
    }

    public MetricFamily family(String name) {
        MetricFamily f = families.get(name);
        if (f == null) {
            throw new AssertionError("no metric family " + name + " in the scrape; it has " + families.keySet());
        }
        return f;
    }

    /** The value of the counter or gauge {@code name} whose labels include {@code labels} (name, value pairs). */
    public double value(String name, String... labels) {
        for (Metric m : family(name).getMetrics()) {
            boolean match = true;
            for (int i = 0; i < labels.length; i += 2) {
                match &= labels[i + 1].equals(m.getLabels().get(labels[i]));
            }
            if (match) {
                if (m instanceof Counter c) {
                    return c.getValue();
                }
                if (m instanceof Gauge g) {
                    return g.getValue();
                }
                throw new AssertionError(name + " is a " + m.getClass().getSimpleName() + ", not a counter or gauge");
            }
        }
        throw new AssertionError("no " + name + " with labels " + List.of(labels));
    }
}
