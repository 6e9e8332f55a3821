package xtremweb.server.certification;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import xtremweb.server.refusal.Unprocessable;

/**
 * The comparators this server knows: the built-in ones and those a deployment put on the classpath
 * ({@link ResultComparator} through {@link ServiceLoader}), by name, loaded once. A policy with no
 * comparator compares bytes.
 */
public final class Comparators {
    private static final Map<String, ResultComparator> KNOWN = load();

    private Comparators() {
    }

    private static Map<String, ResultComparator> load() {
        Map<String, ResultComparator> known = new TreeMap<>();
        known.put(ByteEqualComparator.NAME, new ByteEqualComparator());
        known.put(NumericToleranceComparator.NAME, new NumericToleranceComparator());
        for (ResultComparator c : ServiceLoader.load(ResultComparator.class, Comparators.class.getClassLoader())) {
            known.putIfAbsent(c.name(), c);
        }
        return Map.copyOf(known);
    }

    /** The comparator of that name ({@code byte-equal} for null). */
    public static ResultComparator named(String name) {
        ResultComparator c = KNOWN.get(name == null ? ByteEqualComparator.NAME : name);
        if (c == null) {
            throw new IllegalStateException("comparator '" + name + "' is no longer on this server's classpath");
        }
        return c;
    }

    /**
     * The comparator of each name ({@code byte-equal} for null), the built-in ones expanding at most
     * {@code limits} of each result (the server's {@code certification.*} keys); a deployment's own
     * comparators read results as they choose.
     */
    public static Function<String, ResultComparator> limitedTo(ComparisonLimits limits) {
        Map<String, ResultComparator> builtIn = Map.of(ByteEqualComparator.NAME, new ByteEqualComparator(limits),
                NumericToleranceComparator.NAME, new NumericToleranceComparator(NumericToleranceComparator.DEFAULT_RELATIVE,
                        NumericToleranceComparator.DEFAULT_ABSOLUTE, limits));
        return name -> {
            ResultComparator c = builtIn.get(name == null ? ByteEqualComparator.NAME : name);
            return c != null ? c : named(name);
        };
    }

    /** The name, checked to be known here (null stays null: byte-equal). */
    static String require(String name) {
        if (name != null && !KNOWN.containsKey(name)) {
            throw new Unprocessable("unknown-comparator", "no result comparator named '" + name + "' on this server; known: "
                    + KNOWN.keySet() + " (a deployment adds one as a ResultComparator service on the server's classpath)");
        }
        return name;
    }
}
