package xtremweb.benchmark.dispatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server, started through bin/xtremweb.server in its own JVM (heap capped at 1 GB, GC
 * logged), so its CPU time and heap are its own and not the simulated hosts'.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private final Process process;
    private final Path dir;
    private final int port;
    private final String mariaDbUrl;

    private ServerProcess(Process process, Path dir, int port, String mariaDbUrl) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.mariaDbUrl = mariaDbUrl;
    }

    static ServerProcess start(Path sourceRoot, Path dir, String db, int alivePeriod) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringBuilder conf = new StringBuilder()
                .append("port.https=").append(port).append('\n')
                .append("path.home=").append(dir.resolve("server")).append('\n')
                .append("XWkeyStore=").append(dir.resolve("server/keystore/xwserver.p12")).append('\n')
                .append("alive.period=").append(alivePeriod).append('\n')
                // Extra server keys, ';'-separated: -Dbench.serverConf="metrics.enabled=false" measures the metrics' cost.
                .append(System.getProperty("bench.serverConf", "").replace(';', '\n')).append('\n');
        String mariaDb = db.equals("mariadb") ? freshMariaDb() : null;
        if (mariaDb != null) {
            conf.append("XWdbUrl=").append(mariaDb).append('\n');
        }
        Path confFile = dir.resolve("xtremweb.server.conf");
        Files.writeString(confFile, conf);
        ProcessBuilder pb = new ProcessBuilder(sourceRoot.resolve("bin/xtremweb.server").toString(), "console",
                "--xwconfig", confFile.toString()).redirectErrorStream(true);
        pb.environment().put("XW_SERVER_JAVA_OPTS", "-Xmx1g -Xlog:gc:file=" + dir.resolve("gc.log") + " " + System.getProperty("bench.serverOpts", ""));
        pb.environment().put("XW_RUN_DIR", dir.resolve("run").toString());
        Process p = pb.start();
        CountDownLatch ready = new CountDownLatch(1);
        Path log = dir.resolve("server.out");
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var out = Files.newBufferedWriter(log)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.contains("XtremWeb server ready")) {
                        ready.countDown();
                    }
                    // Keep the log small: the access log of a million calls is not the point.
                    if (!line.contains("INFO  x.s.") && !line.contains("\"POST /api") && !line.contains("\"GET /api")
                            && !line.contains("\"PUT /api")) {
                        out.write(line);
                        out.newLine();
                    }
                }
            } catch (IOException e) {
                // The server went away; the benchmark notices on its next call.
            }
        }, "server-output");
        pump.setDaemon(true);
        pump.start();
        if (!ready.await(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("server did not start; see " + log);
        }
        return new ServerProcess(p, dir, port, mariaDb);
    }

    private static final Pattern DATABASE = Pattern.compile("(jdbc:[a-z]+://[^/]+/)([^?]*)");

    private static String freshMariaDb() throws SQLException {
        String url = System.getenv().getOrDefault("XW_TEST_MARIADB_URL",
                "jdbc:mysql://127.0.0.1:3306/xtremweb_test?user=root&password=");
        String name = "xwbench_" + Long.toHexString(System.nanoTime());
        // Connected to the server, not to the URL's database: that one need not exist (a fresh
        // MariaDB has no xtremweb_test); the benchmark's own database is created here. The name is
        // ours (hex digits), not input, so it may be spliced into the DDL.
        String serverOnly = url.replaceFirst("(jdbc:[a-z]+://[^/]+/)[^?]*", "$1");
        try (Connection c = DriverManager.getConnection(serverOnly); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url.replaceFirst("(jdbc:[a-z]+://[^/]+/)[^?]*", "$1" + name);
    }

    int port() {
        return port;
    }

    /** The JDBC URL of the server's MariaDB database; empty on H2. */
    Optional<String> mariaDbUrl() {
        return Optional.ofNullable(mariaDbUrl);
    }

    Path home() {
        return dir.resolve("server");
    }

    /** CPU seconds (user + system) the server's JVM used so far, from /proc. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of stat (utime, stime), counted after the command name.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** The largest heap occupancy seen before a collection, in MB, from the GC log. */
    long peakHeapMb() throws IOException {
        long peak = 0;
        Path gc = dir.resolve("gc.log");
        if (!Files.exists(gc)) {
            return -1;
        }
        List<String> lines = Files.readAllLines(gc);
        for (String line : lines) {
            Matcher m = GC.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return peak;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        dropDatabase();
    }

    /** The benchmark's database goes with its run: hundreds of thousands of rows per run add up. */
    private void dropDatabase() {
        if (mariaDbUrl == null) {
            return;
        }
        Matcher m = DATABASE.matcher(mariaDbUrl);
        if (!m.find()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(m.replaceFirst("$1")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + m.group(2));
        } catch (SQLException e) {
            System.err.println("could not drop the benchmark database " + m.group(2) + ": " + e.getMessage());
        }
    }
}
