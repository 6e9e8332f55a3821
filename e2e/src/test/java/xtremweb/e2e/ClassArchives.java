package xtremweb.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Class-data-sharing archives of the server, worker and client JVMs, made once per test run: the
 * end-to-end tests start several hundred of those JVMs through the bin/ scripts (a client command
 * is a fresh JVM), and on a 2-core machine loading their classes again each time is minutes of
 * the run. One training grid, started before the first test's, dumps the classes each kind of JVM
 * loaded when it exits; every JVM started after it maps them instead (about a third less CPU to
 * start). Only the scripts' own knob is used ({@code XW_SERVER_JAVA_OPTS}, {@code
 * XW_WORKER_JAVA_OPTS}, {@code XW_CLIENT_JAVA_OPTS}, with the client's default options kept): the
 * same scripts, jars and code run. The JVMs say nothing about the archive ({@code -Xlog:cds*=off}),
 * and one that cannot use it (another JDK, a changed jar) loads its classes as before.
 *
 * <p>Servers and workers also start with {@link #QUICK_START}, as client commands always do: most
 * live seconds to a minute, so the optimising compiler's threads mostly competed with the start
 * itself on two cores (a server's start took 8.6 CPU-seconds with the archive, 4.8 with C1 only and
 * the serial collector). A test that measures throughput keeps the JVM's defaults
 * ({@link Deployment#atPeakSpeed}).
 */
final class ClassArchives {
    private static final Pattern CLIENT_DEFAULTS = Pattern.compile("\\$\\{XW_CLIENT_JAVA_OPTS:-([^}]*)}");
    private static final String QUIET = " -Xlog:cds*=off";
    /** The JIT's first tier only and the serial collector: the same code, compiled sooner and more cheaply. */
    static final String QUICK_START = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    private static final List<String> DAEMONS = List.of("XW_SERVER_JAVA_OPTS", "XW_WORKER_JAVA_OPTS");

    /** The XW_*_JAVA_OPTS variables every daemon and command started from now on gets. */
    private static Map<String, String> options = Map.of();
    private static boolean made;

    private ClassArchives() {
    }

    /** Makes the archives if no one has yet (the first grid of the run waits for it, once). */
    static synchronized void ensureMade() {
        if (made) {
            return;
        }
        made = true;
        try {
            options = make();
        } catch (Exception | AssertionError e) {
            // Only slower without them: the tests run as they would have.
            System.err.println("class-data archives not made, the JVMs load their classes as usual: " + e);
            options = Map.of();
        }
    }

    /** The JVM options to add to a process's environment (none before the archives are made). */
    static synchronized Map<String, String> options() {
        return options;
    }

    /** {@code extra} on top of the archives' options; a test's own XW_*_JAVA_OPTS come first, the archive's after. */
    static Map<String, String> environment(Map<String, String> extra) {
        return environment(extra, true);
    }

    /** The same; servers and workers started with it get {@link #QUICK_START} unless {@code quickStart} is false. */
    static Map<String, String> environment(Map<String, String> extra, boolean quickStart) {
        Map<String, String> env = new HashMap<>(options());
        if (quickStart) {
            DAEMONS.forEach(daemon -> env.merge(daemon, QUICK_START, (archive, quick) -> archive + " " + quick));
        }
        extra.forEach((key, value) -> env.merge(key, value, (archive, own) -> own + " " + archive));
        return env;
    }

    private static Map<String, String> make() throws Exception {
        String clientDefaults = clientDefaults();
        Path dir = Files.createTempDirectory("xw-e2e-cds");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        Map<String, Path> archives = Map.of("SERVER", dir.resolve("server.jsa"), "WORKER", dir.resolve("worker.jsa"),
                "CLIENT", dir.resolve("client.jsa"));
        Map<String, String> dump = new HashMap<>();
        archives.forEach((kind, file) -> dump.put("XW_" + kind + "_JAVA_OPTS", "-XX:ArchiveClassesAtExit=" + file + QUIET));
        dump.merge("XW_CLIENT_JAVA_OPTS", clientDefaults, (archive, defaults) -> defaults + " " + archive);
        synchronized (ClassArchives.class) {
            options = dump;
        }
        // The training grid: each JVM dumps its archive as it exits (the daemons on SIGTERM).
        try (Deployment grid = Deployment.create(Files.createDirectories(dir.resolve("grid")), "h2")) {
            grid.startServer();
            grid.startWorker("worker", 1);
            Command.Result listed = grid.client(grid.adminConfig(), "xwworks", List.of());
            if (listed.exitCode() != 0) {
                throw new IllegalStateException(listed.describe());
            }
        } finally {
            synchronized (ClassArchives.class) {
                options = Map.of();
            }
        }
        Map<String, String> use = new HashMap<>();
        archives.forEach((kind, file) -> {
            if (Files.isRegularFile(file)) {
                use.put("XW_" + kind + "_JAVA_OPTS", "-XX:SharedArchiveFile=" + file + QUIET);
            }
        });
        use.computeIfPresent("XW_CLIENT_JAVA_OPTS", (key, archive) -> clientDefaults + " " + archive);
        return use;
    }

    /** The client's JVM options as bin/xtremwebconf.sh gives them when XW_CLIENT_JAVA_OPTS is unset. */
    private static String clientDefaults() throws IOException {
        Matcher defaults = CLIENT_DEFAULTS.matcher(Files.readString(Deployment.SOURCE_ROOT.resolve("bin/xtremwebconf.sh")));
        if (!defaults.find()) {
            throw new IllegalStateException("no default XW_CLIENT_JAVA_OPTS in bin/xtremwebconf.sh");
        }
        return defaults.group(1);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
