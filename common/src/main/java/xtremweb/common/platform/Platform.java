package xtremweb.common.platform;

import java.util.List;
import java.util.Locale;

/**
 * Normalised OS and CPU names. Users type {@code Linux}, {@code ix86}, {@code x86_64}; Java reports
 * {@code amd64}; the server matches binaries on one spelling only.
 *
 * <p>An app binary may only name a platform of {@link #OS_NAMES} and {@link #CPU_NAMES}: a binary
 * for {@code z80} would be stored and never run anywhere. The lists hold every name a worker
 * reports ({@link #currentOs()}, {@link #currentCpu()} on the platforms a JDK is built for), so every
 * worker can be targeted.
 */
public final class Platform {
    /** The OS names a binary may be inserted for (as written after {@link #normaliseOs}). */
    public static final List<String> OS_NAMES = List.of("linux", "win32", "macosx", "freebsd", "openbsd", "netbsd",
            "sunos", "aix", "hpux", "zos", "os400");

    /** The CPU names a binary may be inserted for (as written after {@link #normaliseCpu}). */
    public static final List<String> CPU_NAMES = List.of("amd64", "ix86", "aarch64", "arm", "ppc", "ppc64", "ppc64le",
            "s390", "s390x", "sparc", "sparcv9", "riscv64", "loongarch64", "mips", "mipsel", "mips64", "mips64el", "ia64",
            "parisc", "alpha");

    private Platform() {
    }

    public static String normaliseOs(String os) {
        String s = os.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("linux")) {
            return "linux";
        }
        if (s.startsWith("win")) {
            return "win32";
        }
        if (s.startsWith("mac") || s.equals("darwin") || s.equals("osx")) {
            return "macosx";
        }
        if (s.equals("solaris")) {
            return "sunos";
        }
        return s.replaceAll("[^a-z0-9_]", "");
    }

    public static String normaliseCpu(String cpu) {
        String s = cpu.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "x86_64", "amd64", "x64", "x86-64" -> "amd64";
            case "ix86", "i386", "i486", "i586", "i686", "x86", "i86pc" -> "ix86";
            case "aarch64", "arm64" -> "aarch64";
            case "armv6l", "armv7l", "armv7", "armhf", "armel", "aarch32" -> "arm";
            case "powerpc" -> "ppc";
            case "powerpc64" -> "ppc64";
            case "powerpc64le", "ppc64el" -> "ppc64le";
            case "sparc64" -> "sparcv9";
            case "ia64n", "ia64w" -> "ia64";
            default -> s.startsWith("pa_risc") || s.startsWith("pa-risc") ? "parisc" : s.replaceAll("[^a-z0-9_]", "");
        };
    }

    /**
     * The OS a binary is inserted for, normalised; refused when no worker would ever report it.
     *
     * @throws IllegalArgumentException naming the accepted OS names
     */
    public static String requireOs(String os) {
        return require("OS", os, normaliseOs(os == null ? "" : os), OS_NAMES,
                " (case does not matter; Windows..., Mac OS X, darwin and solaris are taken too)");
    }

    /**
     * The CPU a binary is inserted for, normalised; refused when no worker would ever report it.
     *
     * @throws IllegalArgumentException naming the accepted CPU names
     */
    public static String requireCpu(String cpu) {
        return require("CPU", cpu, normaliseCpu(cpu == null ? "" : cpu), CPU_NAMES,
                " (case does not matter; x86_64, x64, i386..i686, x86, arm64, armv7l, powerpc are taken too)");
    }

    private static String require(String what, String given, String normal, List<String> known, String aliases) {
        if (!known.contains(normal) && isTheOther(what, given)) {
            // "xwsendapp blast linux x86_64 ./blast": the manual's order is CPU then OS, and a list of
            // every CPU name would not tell that the two arguments are only swapped.
            throw new IllegalArgumentException("'" + given + "' is " + (what.equals("CPU") ? "an OS" : "a CPU") + ", not "
                    + (what.equals("CPU") ? "a CPU" : "an OS") + ": the CPU comes first, then the OS (like amd64 linux)");
        }
        if (!known.contains(normal)) {
            throw new IllegalArgumentException("unknown " + what + " '" + given + "': no worker reports it, so a binary for it would"
                    + " never run; use one of " + String.join(", ", known) + aliases);
        }
        return normal;
    }

    /** Whether {@code given}, refused as a {@code what}, names the other one: an OS given as the CPU, or a CPU as the OS. */
    private static boolean isTheOther(String what, String given) {
        String text = given == null ? "" : given;
        return what.equals("CPU") ? OS_NAMES.contains(normaliseOs(text)) : CPU_NAMES.contains(normaliseCpu(text));
    }

    /** This JVM's OS, normalised. */
    public static String currentOs() {
        return normaliseOs(System.getProperty("os.name"));
    }

    /** This JVM's CPU architecture, normalised. */
    public static String currentCpu() {
        return normaliseCpu(System.getProperty("os.arch"));
    }
}
