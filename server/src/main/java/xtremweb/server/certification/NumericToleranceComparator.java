package xtremweb.server.certification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code numeric}: text outputs that say the same thing up to floating-point noise. Files are read
 * as tokens; two numbers agree when they differ by at most the absolute tolerance or by at most the
 * relative tolerance of the larger, any other token must be equal. CPUs and compilers round the
 * last digits differently: the defaults (relative 1e-6, absolute 1e-12) accept
 * {@code 1.0000001} against {@code 1.0000002} and refuse {@code 1.0} against {@code 1.1}.
 */
public final class NumericToleranceComparator implements ResultComparator {
    public static final String NAME = "numeric";
    public static final double DEFAULT_RELATIVE = 1e-6;
    public static final double DEFAULT_ABSOLUTE = 1e-12;
    // Decimal numbers only: Double.parseDouble would also take "NaN", "Infinity" and "1f".
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private final double relative;
    private final double absolute;
    private final ComparisonLimits limits;

    /** With the default tolerances (what the ServiceLoader builds). */
    public NumericToleranceComparator() {
        this(DEFAULT_RELATIVE, DEFAULT_ABSOLUTE);
    }

    public NumericToleranceComparator(double relative, double absolute) {
        this(relative, absolute, ComparisonLimits.DEFAULT);
    }

    NumericToleranceComparator(double relative, double absolute, ComparisonLimits limits) {
        this.limits = limits;
        if (!(relative >= 0) || !(absolute >= 0)) {
            throw new IllegalArgumentException("tolerances must be zero or more, got relative " + relative + ", absolute " + absolute);
        }
        this.relative = relative;
        this.absolute = absolute;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean agree(Path first, Path second) throws IOException {
        return ZipContent.agree(first, second, this::sameText, limits);
    }

    boolean sameText(InputStream first, InputStream second) throws IOException {
        TextTokens a = new TextTokens(first);
        TextTokens b = new TextTokens(second);
        while (true) {
            String x = a.next();
            String y = b.next();
            if (x == null || y == null) {
                return x == null && y == null;
            }
            if (!sameToken(x, y)) {
                return false;
            }
        }
    }

    /** Whether two tokens agree: equal, or two numbers within the tolerances. */
    public boolean sameToken(String x, String y) {
        if (Objects.equals(x, y)) {
            return true;
        }
        if (!NUMBER.matcher(x).matches() || !NUMBER.matcher(y).matches()) {
            return false;
        }
        double u = Double.parseDouble(x);
        double v = Double.parseDouble(y);
        double difference = Math.abs(u - v);
        return difference <= absolute || difference <= relative * Math.max(Math.abs(u), Math.abs(v));
    }
}
