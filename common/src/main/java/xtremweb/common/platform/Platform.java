package xtremweb.common.platform;

import java.util.Locale;

/**
 * Normalised OS and CPU names. Users type {@code Linux}, {@code ix86}, {@code x86_64}; Java reports
 * {@code amd64}; the server matches binaries on one spelling only.
 */
public final class Platform {
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
        return s.replaceAll("[^a-z0-9_]", "");
    }

    public static String normaliseCpu(String cpu) {
        String s = cpu.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "x86_64", "amd64", "x64", "x86-64" -> "amd64";
            case "ix86", "i386", "i486", "i586", "i686", "x86" -> "ix86";
            case "aarch64", "arm64" -> "aarch64";
            default -> s.replaceAll("[^a-z0-9_]", "");
        };
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
