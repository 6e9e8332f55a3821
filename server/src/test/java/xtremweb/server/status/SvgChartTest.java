package xtremweb.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void countsGetWholeTicksAndRatesRoundOnes() {
        assertThat(SvgChart.ticks(2, true)).containsExactly(0, 1, 2);
        assertThat(SvgChart.ticks(37, false)).containsExactly(0, 10, 20, 30, 40);
        assertThat(SvgChart.ticks(0.9, false)).startsWith(0, 0.25).endsWith(1);
        assertThat(SvgChart.ticks(0, true)).containsExactly(0, 1);
    }

    @Test
    void aMissingValueLeavesAGapInsteadOfAFalseZero() {
        List<Instant> times = List.of(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180));
        String svg = SvgChart.timeSeries("c", "wait", times,
                List.of(new SvgChart.Series("s", "wait", new double[] {1, Double.NaN, 3, 4})), T0, T0.plusSeconds(180),
                SvgChart::num, false);
        Matcher lines = Pattern.compile("class=\"line s\"").matcher(svg);
        int runs = 0;
        while (lines.find()) {
            runs++;
        }
        assertThat(runs).isEqualTo(2);
        assertThat(svg).contains("data-points=\"4\"").contains("data-last=\"4\"").contains("data-sum=\"8\"");
    }

    @Test
    void aSamplerALittleLateDoesNotBreakTheLineButAnOutageDoes() {
        // One sample a second; the fourth came 1.9 s after the third (a busy machine), so one bucket
        // holds none and the next two: still one line. Then nothing for a minute: a second line.
        List<Instant> late = List.of(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusMillis(3900), T0.plusMillis(4100),
                T0.plusSeconds(5), T0.plusSeconds(6));
        assertThat(runs(SvgChart.timeSeries("c", "hosts", late, List.of(new SvgChart.Series("s", "alive",
                new double[] {2, 2, 2, 2, 2, 2, 2})), T0, T0.plusSeconds(6), SvgChart::num, true))).isEqualTo(1);

        List<Instant> outage = List.of(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(60), T0.plusSeconds(61),
                T0.plusSeconds(62));
        assertThat(runs(SvgChart.timeSeries("c", "hosts", outage, List.of(new SvgChart.Series("s", "alive",
                new double[] {2, 2, 2, 1, 1, 1})), T0, T0.plusSeconds(62), SvgChart::num, true))).isEqualTo(2);
    }

    private static int runs(String svg) {
        Matcher lines = Pattern.compile("class=\"line s\"").matcher(svg);
        int runs = 0;
        while (lines.find()) {
            runs++;
        }
        return runs;
    }

    @Test
    void anEmptyHistorySaysItIsCollecting() {
        String svg = SvgChart.timeSeries("c", "hosts", List.of(), List.of(new SvgChart.Series("s", "alive", new double[0])),
                T0, T0.plus(Duration.ofHours(1)), SvgChart::num, true);
        assertThat(svg).startsWith("<svg").contains("collecting").endsWith("</svg>");
    }

    @Test
    void timeLabelsStayAboutSixAcrossAnyWindow() {
        assertThat(SvgChart.timeStep(Duration.ofMinutes(1).toMillis())).isEqualTo(Duration.ofSeconds(10));
        assertThat(SvgChart.timeStep(Duration.ofHours(1).toMillis())).isEqualTo(Duration.ofMinutes(10));
        assertThat(SvgChart.timeStep(Duration.ofHours(24).toMillis())).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void titlesAreEscaped() {
        String svg = SvgChart.stackedBar("b", "a <b> & \"c\"", List.of("x"), List.of("x"), List.of(3L));
        assertThat(svg).contains("a &lt;b&gt; &amp; &quot;c&quot;").doesNotContain("<b>");
    }
}
