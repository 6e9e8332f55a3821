package xtremweb.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import xtremweb.common.testdb.MariaDbTemplate;

/**
 * One throw-away grid for a test: its own configuration files, state directories and port, a
 * server and workers started through the real bin/ scripts, and the client run as bin/ commands.
 */
final class Deployment implements AutoCloseable {
    static final Path SOURCE_ROOT = sourceRoot();

    private final Path dir;
    private final int port;
    private final String database;
    private final List<Daemon> daemons = new ArrayList<>();
    private Daemon server;
    private Properties credentials;

    private Deployment(Path dir, int port, String database) {
        this.dir = dir;
        this.port = port;
        this.database = database;
    }

    /** A deployment on the embedded H2 database ("h2") or on a fresh MariaDB database ("mariadb"). */
    static Deployment create(Path dir, String databaseKind) throws IOException {
        ClassArchives.ensureMade();
        return new Deployment(dir, freePort(), databaseKind);
    }

    Path dir() {
        return dir;
    }

    Daemon server() {
        return server;
    }

    void startServer() throws IOException {
        startServer("");
    }

    /** Starts the server with extra configuration lines (e.g. {@code data.housekeeping=1}). */
    void startServer(String extraConfiguration) throws IOException {
        Path conf = dir.resolve("xtremweb.server.conf");
        StringBuilder text = new StringBuilder()
                .append("port.https=").append(port).append('\n')
                .append("path.home=").append(dir.resolve("server")).append('\n')
                .append("XWkeyStore=").append(dir.resolve("server/keystore/xwserver.p12")).append('\n')
                .append("alive.period=2\n")
                .append(extraConfiguration).append('\n');
        if (database.equals("mariadb")) {
            text.append("XWdbUrl=").append(freshMariaDbDatabase()).append('\n');
        }
        Files.writeString(conf, text);
        serverConf = conf;
        server = Daemon.start("server", List.of(script("xtremweb.server").toString(), "console", "--xwconfig", conf.toString()),
                dir.resolve("run-server"), "XtremWeb server ready", Duration.ofSeconds(90), serverEnvironment, quickStart);
        daemons.add(server);
        credentials = new Properties();
        try (var reader = Files.newBufferedReader(dir.resolve("server/credentials.properties"))) {
            credentials.load(reader);
        }
    }

    private Path serverConf;
    private java.util.Map<String, String> serverEnvironment = java.util.Map.of();

    /** JVM options of the server processes started from now on ({@code XW_SERVER_JAVA_OPTS}). */
    void serverJavaOptions(String options) {
        serverEnvironment = java.util.Map.of("XW_SERVER_JAVA_OPTS", options);
    }
    private String databaseUrl;
    private int restarts;

    int port() {
        return port;
    }

    /** Starts the server again on the same home, port and database (after {@link Daemon#kill}). */
    void restartServer() throws IOException {
        restarts++;
        server = Daemon.start("server", List.of(script("xtremweb.server").toString(), "console", "--xwconfig", serverConf.toString()),
                dir.resolve("run-server-" + restarts), "XtremWeb server ready", Duration.ofSeconds(90), serverEnvironment, quickStart);
        daemons.add(server);
    }

    /**
     * A second server process on the same MariaDB database, with its own home (data store,
     * keystore) and port; returns its port. Its certificate is {@code name/keystore/xwserver.pem}.
     */
    int startAnotherServer(String name) throws IOException {
        return startAnotherServer(name, "");
    }

    /** The same with extra configuration lines; the server's process is {@link #lastStarted()}. */
    int startAnotherServer(String name, String extraConfiguration) throws IOException {
        int other = freePort();
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, "port.https=" + other + "\npath.home=" + dir.resolve(name) + "\nXWkeyStore="
                + dir.resolve(name + "/keystore/xwserver.p12") + "\nalive.period=2\nXWdbUrl=" + databaseUrl + "\n"
                + extraConfiguration + "\n");
        daemons.add(Daemon.start(name, List.of(script("xtremweb.server").toString(), "console", "--xwconfig", conf.toString()),
                dir.resolve("run-" + name), "XtremWeb server ready", Duration.ofSeconds(90), java.util.Map.of(), quickStart));
        return other;
    }

    /** The process started last (a server from {@link #startAnotherServer}, say). */
    Daemon lastStarted() {
        return daemons.get(daemons.size() - 1);
    }

    /**
     * Gives the server {@code name} (not started yet) the first server's keystore, as an
     * administrator copies it to every server of a grid: one certificate for all of them.
     */
    void shareKeystoreWith(String name) throws IOException {
        Path to = Files.createDirectories(dir.resolve(name).resolve("keystore"));
        for (String file : List.of("xwserver.p12", "xwserver.p12.pass")) {
            Files.copy(dir.resolve("server/keystore").resolve(file), to.resolve(file));
        }
    }

    String credential(String key) {
        return credentials.getProperty(key);
    }

    /** Writes a client configuration for the given login and password; returns its path. */
    Path clientConfig(String name, String login, String password) throws IOException {
        return clientConfig(name, login, password, port);
    }

    /** A client configuration that reaches the server through {@code viaPort} (a test proxy, say). */
    Path clientConfig(String name, String login, String password, int viaPort) throws IOException {
        return clientConfig(name, login, password, "localhost", viaPort, Path.of(credential("server.certificate")));
    }

    /** A client configuration with any address and pinned certificate, right or wrong. */
    Path clientConfig(String name, String login, String password, String host, int port, Path certFile) throws IOException {
        Path passwordFile = dir.resolve(name + ".password");
        Files.writeString(passwordFile, password + "\n");
        Path conf = dir.resolve(name + ".xwrc");
        Files.writeString(conf, "dispatcher.servers: " + host + "\nport.https: " + port + "\npath.certfile: "
                + certFile + "\nlogin: " + login + "\npassword.file: " + passwordFile + "\n");
        return conf;
    }

    /** A file holding {@code password} on its first line, readable by its owner only (xwsenduser --xwpasswordfile). */
    Path passwordFile(String name, String password) throws IOException {
        Path file = dir.resolve(name + ".new-password");
        Files.writeString(file, password + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    Path adminConfig() throws IOException {
        return clientConfig("admin", credential("admin.login"), credential("admin.password"));
    }

    /** Starts a worker process with its own state directory; returns once it has registered. */
    Daemon startWorker(String name, int poolSize) throws IOException {
        return startWorker(name, poolSize, credential("worker.login"), credential("worker.password"));
    }

    /** A worker logged in as {@code login}: its level and group make it a public, group or private worker. */
    Daemon startWorker(String name, int poolSize, String login, String password) throws IOException {
        return startWorker(name, poolSize, login, password, "");
    }

    /** A worker whose dispatcher.servers names {@code servers} (a load balancer's address, say) at {@code port}. */
    Daemon startWorkerVia(String name, int poolSize, String servers, int port) throws IOException {
        return startWorker(name, poolSize, credential("worker.login"), credential("worker.password"), "", servers, port);
    }

    /** The same with extra configuration lines (e.g. {@code activator.class: DateActivator}). */
    Daemon startWorker(String name, int poolSize, String login, String password, String extraConfiguration) throws IOException {
        return startWorker(name, poolSize, login, password, extraConfiguration, "localhost", port);
    }

    private Daemon startWorker(String name, int poolSize, String login, String password, String extraConfiguration,
                               String servers, int serverPort) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        Path passwordFile = home.resolve("password");
        Files.writeString(passwordFile, password + "\n");
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, "dispatcher.servers: " + servers + "\nport.https: " + serverPort + "\npath.certfile: "
                + credential("server.certificate") + "\nlogin: " + login + "\npassword.file: "
                + passwordFile + "\npath.home: " + home + "\npath.tmpdir: " + home + "\nworkpool.size: " + poolSize + "\n"
                + extraConfiguration + "\n");
        Daemon worker = Daemon.start(name, List.of(script("xtremweb.worker").toString(), "console", "--xwconfig", conf.toString()),
                dir.resolve("run-" + name), "worker registered as host", Duration.ofSeconds(90), java.util.Map.of(), quickStart);
        daemons.add(worker);
        return worker;
    }

    /**
     * Starts a worker process whose identity is given by configuration lines ({@code x509.cert:
     * ...} for a host certificate, say) instead of a login and password file.
     */
    Daemon startWorkerAs(String name, String identity) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, "dispatcher.servers: localhost\nport.https: " + port + "\npath.certfile: "
                + credential("server.certificate") + "\n" + identity + "\npath.home: " + home + "\npath.tmpdir: " + home
                + "\nworkpool.size: 1\n");
        Daemon worker = Daemon.start(name, List.of(script("xtremweb.worker").toString(), "console", "--xwconfig", conf.toString()),
                dir.resolve("run-" + name), "worker registered as host", Duration.ofSeconds(90), java.util.Map.of(), quickStart);
        daemons.add(worker);
        return worker;
    }

    /** Runs a bin/ client command to its end. */
    Command.Result client(Path config, String script, List<String> args) throws IOException, InterruptedException {
        return client(config, script, args, null);
    }

    Command.Result client(Path config, String script, List<String> args, Path stdin) throws IOException, InterruptedException {
        return Command.run(clientLine(config, script, args), dir, stdin, Duration.ofMinutes(10));
    }

    /** Starts a bin/ client command without waiting for its end. */
    Command.Running startClient(Path config, String script, List<String> args) throws IOException {
        return Command.start(clientLine(config, script, args), dir, null);
    }

    private static List<String> clientLine(Path config, String script, List<String> args) {
        List<String> line = new ArrayList<>();
        line.add(script(script).toString());
        line.add("--xwconfig");
        line.add(config.toString());
        line.addAll(args);
        return line;
    }

    static Path script(String name) {
        return SOURCE_ROOT.resolve("bin").resolve(name);
    }

    @Override
    public void close() throws Exception {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).stop();
        }
        if (database.equals("mariadb") && databaseName != null) {
            try (Connection c = DriverManager.getConnection(mariaDbUrl());
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + databaseName);
            }
        }
    }

    private String databaseName;
    private boolean emptyDatabase;
    private boolean quickStart = true;

    /**
     * Its servers and workers run with the JVM's default compilers and collector instead of
     * {@link ClassArchives#QUICK_START}: for a test whose grid works hard for minutes (thousands of
     * works), where the optimising compiler pays for itself.
     */
    Deployment atPeakSpeed() {
        quickStart = false;
        return this;
    }

    /**
     * The server starts on an empty MariaDB database and migrates it itself. By default it gets one
     * that already holds the schema (copied from a template the server's migrations made once per
     * JVM, {@link MariaDbTemplate}): migrating each grid's database took seconds.
     */
    Deployment onEmptyDatabase() {
        emptyDatabase = true;
        return this;
    }

    private String freshMariaDbDatabase() {
        databaseName = "xwe2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(mariaDbUrl());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + databaseName + " CHARACTER SET utf8mb4");
            if (!emptyDatabase) {
                try {
                    MariaDbTemplate.on(mariaDbUrl(), Deployment::migrateAsTheServerDoes).copyInto(databaseName);
                } catch (SQLException | RuntimeException e) {
                    s.execute("DROP DATABASE " + databaseName);
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the MariaDB test database: " + e.getMessage(), e);
        }
        databaseUrl = MariaDbTemplate.urlOf(mariaDbUrl(), databaseName);
        return databaseUrl;
    }

    private static void migrateAsTheServerDoes(String url) {
        xtremweb.server.db.Database.open(new xtremweb.server.db.Database.Target(url, java.util.Optional.empty(),
                java.util.Optional.empty()), 2).close();
    }

    static String mariaDbUrl() {
        return System.getenv("XW_TEST_MARIADB_URL");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path sourceRoot() {
        String fromMaven = System.getenv("XW_SOURCE_ROOT");
        Path root = fromMaven != null ? Path.of(fromMaven) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isExecutable(root.resolve("bin/xtremweb.server"))) {
            throw new IllegalStateException("cannot find the repository root (bin/xtremweb.server) from " + root);
        }
        return root;
    }

    /** The certificate of some other server (a fresh self-signed one in {@code dir}), to pin by mistake. */
    static Path selfSignedCertificate(Path dir) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path keystore = dir.resolve("other.p12");
        Path pem = dir.resolve("other.pem");
        Command.Result made = Command.run(List.of(keytool, "-genkeypair", "-alias", "other", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"), dir, null, Duration.ofMinutes(1));
        if (made.exitCode() != 0) {
            throw new IllegalStateException(made.describe());
        }
        Command.Result exported = Command.run(List.of(keytool, "-exportcert", "-rfc", "-alias", "other", "-keystore",
                keystore.toString(), "-storepass", "changeit", "-file", pem.toString()), dir, null, Duration.ofMinutes(1));
        if (exported.exitCode() != 0) {
            throw new IllegalStateException(exported.describe());
        }
        return pem;
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
