package xtremweb.server.db;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of a test's own: its own data directory under the temp directory, its own port
 * and socket, so that it can be frozen ({@link #freeze}: SIGSTOP, as when its host hangs) and thawed
 * without touching the shared one on port 3306. Needs {@code mariadb-install-db} and
 * {@code mariadbd}; the test is skipped (assumption) where they are not installed.
 */
public final class PrivateMariaDb implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);
    private final Path dir;
    private final int port;
    private final Process process;
    private volatile boolean frozen;

    private PrivateMariaDb(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Creates a data directory and starts a server on it (a few seconds). */
    public static PrivateMariaDb start() throws Exception {
        Path installDb = program("mariadb-install-db");
        Path mariadbd = program("mariadbd");
        Path dir = Files.createTempDirectory("xw-private-mariadb");
        try {
            String user = System.getProperty("user.name");
            run(List.of(installDb.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"), "--user=" + user,
                    "--auth-root-authentication-method=normal", "--skip-test-db"), dir.resolve("install.log"));
            // A free port may be taken between its lookup and the server's bind: try another then.
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                Process process = new ProcessBuilder(mariadbd.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                        "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
                        "--pid-file=" + dir.resolve("mysqld.pid"), "--user=" + user, "--skip-log-bin",
                        "--innodb-buffer-pool-size=32M", "--log-error=" + dir.resolve("error.log"),
                        // A throwaway server: no fsync, so the migrations' DDL takes a fraction of the time.
                        "--innodb-flush-method=nosync", "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
                PrivateMariaDb server = new PrivateMariaDb(dir, port, process);
                // A JVM ended before close() (a test run stopped) leaves no server behind; SIGKILL ends a frozen one too.
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
                if (server.awaitReady()) {
                    return server;
                }
                server.stop();
                if (attempt == 3) {
                    throw new IllegalStateException("the private mariadbd did not start; its log: "
                            + Files.readString(dir.resolve("error.log")));
                }
            }
        } catch (Exception | Error e) {
            delete(dir);
            throw e;
        }
    }

    private static Path program(String name) {
        Optional<Path> found = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")),
                        Stream.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
        assumeTrue(found.isPresent(), name + " is not installed; the private MariaDB test is skipped");
        return found.get();
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not end within " + START);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed (" + p.exitValue() + "): " + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Whether the server answers within {@link #START}; false once its process ended (its port taken). */
    private boolean awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Connection c = DriverManager.getConnection(url("mysql") + "&connectTimeout=1000&socketTimeout=5000")) {
                return true;
            } catch (SQLException notYet) {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    /** A JDBC URL of {@code database} on this server, as root. */
    public String url(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?user=root&password=";
    }

    /** Creates {@code database} (empty) and answers its URL. */
    public String createDatabase(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("mysql")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return url(database);
    }

    /** Stops the server's process (SIGSTOP): its connections stay open and nothing answers on them. */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
        frozen = true;
        // SIGSTOP reaches a busy multi-threaded process's threads one by one, as each is scheduled:
        // on a loaded machine a statement could still be answered after kill returned. Frozen is
        // when every thread says so (state T in /proc).
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!everyThreadStopped()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("mariadbd " + process.pid() + " is not stopped 10 s after SIGSTOP");
            }
            Thread.sleep(5);
        }
    }

    private boolean everyThreadStopped() throws IOException {
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                String stat;
                try {
                    stat = java.nio.file.Files.readString(task.resolve("stat"));
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue;
                }
                // The state follows the command name's closing parenthesis.
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                if (state != 'T' && state != 't') {
                    return false;
                }
            }
        }
        return true;
    }

    /** Lets it run again (SIGCONT). */
    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
        frozen = false;
    }

    private void signal(String signal) throws IOException, InterruptedException {
        // Only this test's own process, by its PID: never the shared server.
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    private void stop() throws IOException, InterruptedException {
        if (frozen) {
            thaw();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(all::add);
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
