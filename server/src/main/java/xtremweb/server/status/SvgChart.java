package xtremweb.server.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Charts drawn on the server as SVG text: a time series (lines over an area) and a stacked bar.
 * Colours come from the page's stylesheet through class names, and nothing in the SVG is taken
 * from users, so the markup is safe to insert as it is. Each chart carries its figures in
 * {@code data-} attributes (points, last value, sum) for scripts and tests.
 */
final class SvgChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    private static final int LEFT = 46;
    private static final int RIGHT = 10;
    private static final int TOP = 12;
    private static final int BOTTOM = 24;
    // Points drawn across a window at most: a day of 10-s samples is averaged into 6-min buckets.
    private static final int BUCKETS = 240;
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR_MINUTE_SECOND = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One line: its CSS class and a value per time (NaN where there is none, which leaves a gap). */
    record Series(String cssClass, String label, double[] values) {
    }

    private SvgChart() {
    }

    /**
     * A time chart over {@code [from, to]}; values of one bucket are averaged. {@code format}
     * writes a value for the axis, e.g. "12" or "1.5 s".
     */
    static String timeSeries(String id, String title, List<Instant> times, List<Series> series, Instant from, Instant to,
                             java.util.function.DoubleFunction<String> format, boolean whole) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        int buckets = Math.min(BUCKETS, Math.max(1, times.size()));
        List<double[]> bucketed = new ArrayList<>();
        double[] bucketTimes = new double[buckets];
        for (Series s : series) {
            double[] sum = new double[buckets];
            int[] count = new int[buckets];
            for (int i = 0; i < times.size(); i++) {
                int b = bucket(times.get(i), from, span, buckets);
                if (!Double.isNaN(s.values()[i])) {
                    sum[b] += s.values()[i];
                    count[b]++;
                }
            }
            double[] avg = new double[buckets];
            for (int b = 0; b < buckets; b++) {
                avg[b] = count[b] == 0 ? Double.NaN : sum[b] / count[b];
            }
            bucketed.add(avg);
        }
        boolean[] present = new boolean[buckets];
        for (int i = 0; i < times.size(); i++) {
            int b = bucket(times.get(i), from, span, buckets);
            // A bucket's time: the latest sample in it, so the last point sits at "now".
            bucketTimes[b] = Math.max(bucketTimes[b], Duration.between(from, times.get(i)).toMillis());
            present[b] = true;
        }
        double max = 0;
        for (double[] values : bucketed) {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        double[] ticks = ticks(max, whole);
        double top = ticks[ticks.length - 1];
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        DoubleUnaryOperator x = ms -> LEFT + ms / span * plotW;
        DoubleUnaryOperator y = v -> TOP + plotH - (top == 0 ? 0 : v / top * plotH);

        double[] first = series.isEmpty() ? new double[0] : series.get(0).values();
        double last = Double.NaN;
        double total = 0;
        for (double v : first) {
            if (!Double.isNaN(v)) {
                last = v;
                total += v;
            }
        }
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(id)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\" data-points=\"").append(times.size())
                .append("\" data-last=\"").append(Double.isNaN(last) ? "" : num(last)).append("\" data-sum=\"").append(num(total))
                .append("\"><title>").append(esc(title)).append("</title>");
        for (double t : ticks) {
            double ty = y.applyAsDouble(t);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(num(ty)).append("\" y2=\"").append(num(ty)).append("\"/>");
            svg.append("<text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(ty + 4))
                    .append("\" text-anchor=\"end\">").append(esc(format.apply(t))).append("</text>");
        }
        long stepMs = timeStep(span).toMillis();
        DateTimeFormatter label = stepMs < 60_000 ? HOUR_MINUTE_SECOND : HOUR_MINUTE;
        long firstTick = ((from.toEpochMilli() / stepMs) + 1) * stepMs;
        for (long t = firstTick; t < to.toEpochMilli(); t += stepMs) {
            double tx = x.applyAsDouble(t - from.toEpochMilli());
            svg.append("<line class=\"tick\" x1=\"").append(num(tx)).append("\" x2=\"").append(num(tx)).append("\" y1=\"")
                    .append(TOP + plotH).append("\" y2=\"").append(TOP + plotH + 4).append("\"/>");
            // A label near the right edge ends there instead of being cut.
            boolean edge = tx > WIDTH - RIGHT - 28;
            svg.append("<text class=\"axis\" x=\"").append(num(edge ? WIDTH - RIGHT : tx)).append("\" y=\"").append(HEIGHT - 6)
                    .append("\" text-anchor=\"").append(edge ? "end" : "middle").append("\">")
                    .append(label.format(Instant.ofEpochMilli(t))).append("</text>");
        }
        svg.append("<line class=\"baseline\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(TOP + plotH).append("\" y2=\"").append(TOP + plotH).append("\"/>");
        if (times.isEmpty()) {
            svg.append("<text class=\"empty\" x=\"").append(LEFT + plotW / 2).append("\" y=\"").append(TOP + plotH / 2)
                    .append("\" text-anchor=\"middle\">collecting the first figures…</text>");
        }
        for (int s = 0; s < series.size(); s++) {
            double[] values = bucketed.get(s);
            List<List<double[]>> runs = new ArrayList<>();
            List<double[]> run = new ArrayList<>();
            int previous = -1;
            for (int b = 0; b < buckets; b++) {
                if (!present[b]) {
                    continue;
                }
                // A sample with no value (no work dispatched, say) is a gap. So is a stretch with no
                // sample at all (the server was down), but not one empty bucket between two full ones:
                // a sampler a little late leaves one bucket empty and the next one with two samples.
                boolean stretchWithout = previous >= 0 && b - previous > 2;
                if (Double.isNaN(values[b]) || stretchWithout) {
                    if (!run.isEmpty()) {
                        runs.add(run);
                        run = new ArrayList<>();
                    }
                }
                if (!Double.isNaN(values[b])) {
                    run.add(new double[] {x.applyAsDouble(bucketTimes[b]), y.applyAsDouble(values[b]), values[b]});
                }
                previous = b;
            }
            if (!run.isEmpty()) {
                runs.add(run);
            }
            String css = series.get(s).cssClass();
            for (List<double[]> r : runs) {
                StringBuilder line = new StringBuilder();
                for (double[] p : r) {
                    line.append(line.isEmpty() ? "M" : "L").append(num(p[0])).append(' ').append(num(p[1]));
                }
                if (s == 0) {
                    svg.append("<path class=\"area ").append(css).append("\" d=\"").append(line).append("L")
                            .append(num(r.get(r.size() - 1)[0])).append(' ').append(TOP + plotH).append("L").append(num(r.get(0)[0]))
                            .append(' ').append(TOP + plotH).append("Z\"/>");
                }
                svg.append("<path class=\"line ").append(css).append("\" d=\"").append(line).append("\"/>");
                if (r.size() == 1) {
                    double[] p = r.get(0);
                    svg.append("<circle class=\"dot ").append(css).append("\" cx=\"").append(num(p[0])).append("\" cy=\"")
                            .append(num(p[1])).append("\" r=\"2.5\"/>");
                }
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** A horizontal bar split in parts (works by status), with each part's share in its title. */
    static String stackedBar(String id, String title, List<String> classes, List<String> labels, List<Long> counts) {
        long total = counts.stream().mapToLong(Long::longValue).sum();
        int w = WIDTH;
        int h = 28;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar\" id=\"").append(id).append("\" viewBox=\"0 0 ")
                .append(w).append(' ').append(h).append("\" role=\"img\" aria-label=\"").append(esc(title))
                .append("\" data-sum=\"").append(total).append("\"><title>").append(esc(title)).append("</title>");
        svg.append("<rect class=\"track\" x=\"0\" y=\"0\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" rx=\"6\"/>");
        double at = 0;
        for (int i = 0; i < counts.size(); i++) {
            if (total == 0 || counts.get(i) == 0) {
                continue;
            }
            double width = (double) counts.get(i) / total * w;
            svg.append("<rect class=\"part ").append(classes.get(i)).append("\" x=\"").append(num(at)).append("\" y=\"0\" width=\"")
                    .append(num(Math.max(width, 1.5))).append("\" height=\"").append(h).append("\"><title>")
                    .append(esc(labels.get(i) + ": " + counts.get(i) + " (" + Math.round(100.0 * counts.get(i) / total) + "%)"))
                    .append("</title></rect>");
            at += width;
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static int bucket(Instant t, Instant from, long span, int buckets) {
        long ms = Duration.between(from, t).toMillis();
        return (int) Math.max(0, Math.min(buckets - 1, ms * buckets / span));
    }

    /** Time labels about six to a chart, on round clock times. */
    static Duration timeStep(long spanMillis) {
        Duration[] steps = {Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6)};
        for (Duration step : steps) {
            if (spanMillis / step.toMillis() <= 7) {
                return step;
            }
        }
        return Duration.ofHours(12);
    }

    /** Round tick values from 0 to at least {@code max}: 0, 1, 2, 5, 10, 20, 50... steps; whole numbers if {@code whole}. */
    static double[] ticks(double max, boolean whole) {
        if (max <= 0) {
            return new double[] {0, 1};
        }
        double raw = Math.max(max / 4, whole ? 1 : 0);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : whole && magnitude < 10 ? new double[] {1, 2, 5, 10} : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        int n = (int) Math.ceil(max / step);
        double[] ticks = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            ticks[i] = i * step;
        }
        return ticks;
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
