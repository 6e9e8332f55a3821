package xtremweb.benchmark.dispatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peer measured in the same run: JPPF 6.2 with one task per dispatch
 * ({@code peers/jppf/run.sh N one}: a driver, 4 nodes and a client on this machine), started on a
 * free port with the benchmark's own JDK. Its script prints one line; the figures are read from it.
 */
final class JppfPeer {
    private static final Pattern LINE = Pattern.compile("tasks_per_s=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+)");

    /** JPPF's figures: tasks a second, and the submit-to-result latency of a 1-task job. */
    record Figures(double tasksPerSecond, double p50Ms, double p99Ms, String line) {
    }

    private JppfPeer() {
    }

    /**
     * The peers' directory: {@code -Dbench.peers}, else {@code shared/peers} beside the checkout
     * (the integration checkout and the worktrees sit at different depths under it).
     */
    static Optional<Path> script(Path root) {
        String configured = System.getProperty("bench.peers");
        List<Path> candidates = configured != null ? List.of(Path.of(configured))
                : List.of(root.resolveSibling("shared/peers"), root.getParent().resolveSibling("shared/peers"));
        return candidates.stream().map(p -> p.resolve("jppf/run.sh")).filter(Files::isExecutable).findFirst();
    }

    /** Runs JPPF for {@code tasks} tasks; empty (with the reason on stderr) when it did not print its line. */
    static Optional<Figures> run(Path script, int tasks) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(script.toString(), String.valueOf(tasks), "one").redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // A free port, not JPPF's 11111: another run on this machine may hold that one.
        pb.environment().put("JPPF_PORT", String.valueOf(port));
        Process p = pb.start();
        Figures figures = null;
        StringBuilder tail = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = LINE.matcher(line);
                if (line.startsWith("JPPF ") && m.find()) {
                    figures = new Figures(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                            Double.parseDouble(m.group(3)), line);
                } else if (tail.length() < 4000) {
                    tail.append(line).append('\n');
                }
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        if (figures == null) {
            System.err.println("JPPF did not print its figures (exit " + p.exitValue() + "):\n" + tail);
        }
        return Optional.ofNullable(figures);
    }
}
