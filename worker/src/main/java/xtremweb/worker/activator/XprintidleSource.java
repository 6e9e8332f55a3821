package xtremweb.worker.activator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The X11 session's idle time from {@code xprintidle} (the X screensaver extension). Needs a
 * {@code DISPLAY} the worker may open: a worker running as a system service usually has none.
 */
final class XprintidleSource implements IdleSource {
    private final String display;
    private String unavailable;

    XprintidleSource(String display) {
        this.display = display;
    }

    @Override
    public Optional<Duration> idleTime() {
        if (display == null || display.isBlank()) {
            unavailable = "no DISPLAY: the worker runs without access to a desktop session (headless or as a service)";
            return Optional.empty();
        }
        if (!onPath("xprintidle")) {
            unavailable = "xprintidle is not installed (apt-get install xprintidle)";
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder("xprintidle").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                unavailable = "xprintidle did not answer within 5 s";
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                unavailable = "xprintidle cannot read the idle time of display " + display + ": " + out;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Long.parseLong(out)));
        } catch (IOException | NumberFormatException e) {
            unavailable = "xprintidle failed: " + e.getMessage();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted";
            return Optional.empty();
        }
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
