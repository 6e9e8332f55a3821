package xtremweb.server;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.server.app.AppBinaryRepository;
import xtremweb.server.app.AppEndpoints;
import xtremweb.server.app.AppRepository;
import xtremweb.server.app.AppService;
import xtremweb.server.certificate.AuthorityStore;
import xtremweb.server.certificate.CertificateEndpoints;
import xtremweb.server.certificate.CertificateLogins;
import xtremweb.server.certification.Certifier;
import xtremweb.server.certification.CopyPlacements;
import xtremweb.server.data.DataEndpoints;
import xtremweb.server.data.DataRepository;
import xtremweb.server.data.DataHousekeeping;
import xtremweb.server.data.DataService;
import xtremweb.server.data.DataStore;
import xtremweb.server.data.LocalDataStore;
import xtremweb.server.data.S3DataStore;
import xtremweb.server.data.StoredFiles;
import xtremweb.server.db.Database;
import xtremweb.server.db.Jdbc;
import xtremweb.server.grouping.GroupingEndpoints;
import xtremweb.server.grouping.Groupings;
import xtremweb.server.health.HealthEndpoints;
import xtremweb.server.health.Readiness;
import xtremweb.server.host.HostDirectory;
import xtremweb.server.host.HostEndpoints;
import xtremweb.server.host.HostRepository;
import xtremweb.server.host.HostService;
import xtremweb.server.http.Admission;
import xtremweb.server.http.LongPolls;
import xtremweb.server.http.Uploads;
import xtremweb.server.http.ApiHandler;
import xtremweb.server.http.Authenticator;
import xtremweb.server.http.FailedTokens;
import xtremweb.server.http.BodyPace;
import xtremweb.server.http.ProblemErrorHandler;
import xtremweb.server.http.Router;
import xtremweb.server.logging.AccessLog;
import xtremweb.server.metrics.CensusSampler;
import xtremweb.server.metrics.MetricsEndpoints;
import xtremweb.server.metrics.ServerMetrics;
import xtremweb.server.pilot.PilotEndpoints;
import xtremweb.server.pilot.PilotService;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.scheduler.Scheduler;
import xtremweb.server.status.StatusEndpoints;
import xtremweb.server.task.Departures;
import xtremweb.server.task.Leases;
import xtremweb.server.task.Reaper;
import xtremweb.server.task.StartedTasks;
import xtremweb.server.task.TaskList;
import xtremweb.server.task.TaskOutcomes;
import xtremweb.server.task.WorkerEndpoints;
import xtremweb.server.tls.ClientCertificateTls;
import xtremweb.server.tls.DeferredClientTrust;
import xtremweb.server.tls.GridIdentity;
import xtremweb.server.tls.ServerKeystore;
import xtremweb.server.user.FirstStart;
import xtremweb.server.user.Names;
import xtremweb.server.user.PasswordHasher;
import xtremweb.server.user.Sessions;
import xtremweb.server.user.TokenRepository;
import xtremweb.server.user.UserAdmin;
import xtremweb.server.user.UserEndpoints;
import xtremweb.server.user.UserRepository;
import xtremweb.server.user.UsergroupRepository;
import xtremweb.server.work.WorkEndpoints;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkService;
import xtremweb.server.work.WorkSignal;

/** A running server: database, HTTPS API and reaper, wired together; close() stops all of it. */
public final class XtremWebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XtremWebServer.class);
    public static final String CREDENTIALS_FILE = "credentials.properties";
    private static final Duration REAP_EVERY = Duration.ofSeconds(3);
    private static final int ACCEPT_QUEUE = 4096;
    static final String[] AEAD_CIPHER_SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};
    // Hosts' liveness is gathered in memory and written in one batch this often.
    private static final Duration ALIVE_FLUSH_EVERY = Duration.ofSeconds(1);
    /**
     * How long a stop (SIGTERM, xtremweb.server stop) lets the requests under way finish (a result or
     * data upload, a download) while refusing new ones with 503: well within the 30 s the stop
     * script and service units give before SIGKILL.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private final Server jetty;
    private final Admission admission;
    private final HikariDataSource dataSource;
    private final ScheduledExecutorService reaperThread;
    private final int port;
    private final Path credentials;
    private final Path certificate;
    private final HostDirectory hostDirectory;
    private final ServerMetrics metrics;
    private final CensusSampler census;
    private final List<Router.Template> routes;
    private final DataStore dataStore;

    private XtremWebServer(Server jetty, HikariDataSource dataSource, ScheduledExecutorService reaperThread, int port,
                           Path credentials, Path certificate, HostDirectory hostDirectory, ServerMetrics metrics,
                           CensusSampler census, List<Router.Template> routes, DataStore dataStore, Admission admission) {
        this.dataStore = dataStore;
        this.admission = admission;
        this.routes = routes;
        this.hostDirectory = hostDirectory;
        this.metrics = metrics;
        this.census = census;
        this.jetty = jetty;
        this.dataSource = dataSource;
        this.reaperThread = reaperThread;
        this.port = port;
        this.credentials = credentials;
        this.certificate = certificate;
    }

    public static XtremWebServer start(ServerConfig config) throws Exception {
        Clock clock = Clock.systemUTC();
        createHome(config.home(), config.database().url().equals(Database.Target.h2(config.home()).url()));
        ServerKeystore.Loaded keys = ServerKeystore.loadOrCreate(config.keyStore(), config.passPhrase(), config.serverNames());
        HikariDataSource dataSource = Database.open(config.database(), config.dbPoolSize(), config.dbSocketTimeout());
        ServerConfig.Observability seen = config.observability();
        ServerMetrics metrics = ServerMetrics.create(seen.metricsEnabled(), config.home());
        DataStore dataStore = null;
        try {
            // Where data lives is checked before anything serves: a store that cannot work stops the start, naming the key to fix.
            dataStore = config.objectStore().isPresent() ? S3DataStore.open(config.objectStore().get())
                    : new LocalDataStore(config.home().resolve("data"));
            metrics.instrument(dataSource);
            Jdbc jdbc = new Jdbc(dataSource);
            // Group commit (issue 15): how many transactions of callers arriving together were
            // committed as one (units / commits: the mean group), and how many groups fell back.
            metrics.grid().gauge("db.group.commits", "group commits made (Jdbc.txGrouped)", jdbc.groupCommit()::groups);
            metrics.grid().gauge("db.group.units", "callers' transactions committed in a group", jdbc.groupCommit()::grouped);
            metrics.grid().gauge("db.group.refused", "groups rolled back whose callers then ran alone", jdbc.groupCommit()::refused);
            AccessPolicy policy = new AccessPolicy();
            PasswordHasher hasher = new PasswordHasher();
            UserRepository users = new UserRepository();
            Sessions sessions = new Sessions(jdbc, users, new TokenRepository(), hasher, clock, Duration.ofMinutes(config.tokenTtlMinutes()),
                    metrics.grid());
            HostRepository hostRows = new HostRepository();
            HostService hosts = new HostService(jdbc, hostRows, sessions, policy, clock, config.alivePeriodSeconds());
            UserAdmin userAdmin = new UserAdmin(jdbc, users, new UsergroupRepository(), sessions, hasher, policy, clock);
            String uriHost = config.serverNames().isEmpty() ? localHostName() : config.serverNames().get(0);

            QueuedThreadPool threads = new QueuedThreadPool(400, 8);
            threads.setName("xw-http");
            // Work requests long-poll: each holds its request for up to 30 s. On virtual threads
            // thousands of waiting hosts cost memory, not the 400 platform threads.
            threads.setVirtualThreadsExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            Server jetty = new Server(threads);
            AuthorityStore authorities = AuthorityStore.load(config.trust(), clock);
            ServerConnector connector = connector(jetty, config, keys, authorities);
            jetty.addConnector(connector);
            jetty.setRequestLog(new AccessLog(config.home().resolve("logs").resolve("access.log"),
                    config.observability().accessLogMaxBytes()));
            // The port must be known before the data URIs are: bind first, serve after wiring.
            open(connector, config);
            int port = connector.getLocalPort();
            String uriPrefix = "xw://" + uriHost + ":" + port + "/";

            DataRepository dataRows = new DataRepository();
            DataService datas = new DataService(jdbc, dataRows, dataStore, policy, clock, uriPrefix, config.dataLimits());
            GridIdentity.check(jdbc, keys.certificate(), datas.self(), config.keyStore(), clock.instant());
            DataHousekeeping housekeeping = new DataHousekeeping(jdbc, dataRows, dataStore, clock,
                    Duration.ofHours(config.resumeHours()));
            // Nothing of this server is uploading yet: whatever a killed server left goes now (in a shared store,
            // only what got no byte for data.resumeHours: other servers may be uploading).
            housekeeping.removeAbandonedUploads();
            AppService apps = new AppService(jdbc, new AppRepository(new AppBinaryRepository()), new AppBinaryRepository(), datas, policy, clock);
            WorkSignal signal = new WorkSignal();
            WorkRepository workRows = new WorkRepository();
            Groupings groupings = new Groupings(jdbc, workRows, datas, policy, clock);
            // Result certification (issue 14): replicated works are computed by copies on independent hosts.
            CopyPlacements placements = new CopyPlacements(config.distinctSubnets());
            Certifier certifier = new Certifier(jdbc,
                    StoredFiles.of(dataStore, config.home().resolve("var").resolve("certification")), signal::signal, placements, clock,
                    config.comparisonLimits());
            certifier.loadPlacements();
            certifier.sweep(true);
            WorkService works = new WorkService(jdbc, workRows, apps, datas, policy, signal, clock, hosts.directory(), groupings,
                    metrics.grid(), certifier);
            apps.whenDeleted(works::endPendingWorksOf);
            Scheduler scheduler = new Scheduler(jdbc, workRows, hosts.directory(), apps, datas, policy, signal, clock,
                    config.alivePeriodSeconds(), metrics.grid(), placements);
            Leases leases = new Leases(jdbc, workRows, hosts.directory(), metrics.grid(), clock, config.alivePeriodSeconds());
            // Before the reaper's first pass: hosts could not renew their leases while no server ran.
            // The reaper is made after: the leases renewed here are not held against their hosts.
            leases.renewAllAtStart();
            Reaper reaper = new Reaper(jdbc, workRows, hosts.directory(), signal, metrics.grid(), clock, config.maxRetry(),
                    Leases.length(config.alivePeriodSeconds()));
            // The tasks the scheduler starts, remembered so their result uploads need not read them back.
            StartedTasks started = new StartedTasks(Leases.length(config.alivePeriodSeconds()));
            scheduler.onStarted(started::started);
            TaskOutcomes outcomes = new TaskOutcomes(jdbc, workRows, hosts.directory(), apps, datas, dataRows, policy, signal,
                    metrics.grid(), clock, certifier, started);

            Router router = new Router();
            Names names = new Names(jdbc, users);
            new UserEndpoints(sessions, userAdmin, hosts::logout).register(router);
            new DataEndpoints(datas, metrics.grid(), names).register(router);
            new AppEndpoints(apps, names).register(router);
            new WorkEndpoints(works, names).register(router);
            new GroupingEndpoints(groupings, names).register(router);
            new HostEndpoints(hosts).register(router);
            new WorkerEndpoints(scheduler, placements, leases, outcomes,
                    new Departures(jdbc, workRows, hosts.directory(), signal, metrics.grid(), clock), new TaskList(jdbc), datas)
                    .register(router);
            new PilotEndpoints(new PilotService(jdbc, hosts, sessions, policy, clock)).register(router);
            new CertificateEndpoints(new CertificateLogins(authorities, jdbc, users, sessions, clock, metrics.grid())).register(router);
            // A host is alive while it calls within a task's lease: three alive periods.
            CensusSampler census = new CensusSampler(jdbc, clock, Leases.length(config.alivePeriodSeconds()), metrics.grid());
            new HealthEndpoints(Readiness.after(dataSource, config.home().resolve("data"), seen.readyMinFreeBytes()), clock)
                    .register(router);
            new MetricsEndpoints(metrics, seen.metricsAllow()).register(router);
            new StatusEndpoints(jdbc, census, metrics.grid(), clock, version(), databaseVersion(jdbc), seen.statusSampleSeconds(),
                    seen.statusPublic()).register(router);
            metrics.instrumentCaches();
            // At most 4 requests per database connection answered at once; a surge past that is shed (503).
            Admission admission = new Admission(4 * config.dbPoolSize());
            metrics.grid().gauge("works.awaited", "works whose end clients are waiting for on this server now",
                    workRows.ends()::watched);
            metrics.grid().gauge("http.requests.admitted", "requests being answered now (long polls waiting not counted)",
                    admission::busy);
            LongPolls longPolls = new LongPolls(config.longPollsPerCaller());
            metrics.grid().gauge("http.longpolls.held", "long polls (work requests, works awaited) being held now", longPolls::held);
            Uploads uploads = new Uploads(config.uploadsPerCaller());
            metrics.grid().gauge("http.uploads.held", "uploads (data content, results) being received now", uploads::held);
            Authenticator tokens = new Authenticator() {
                @Override
                public Optional<Caller> resolve(String token) {
                    return token.startsWith(HostService.TOKEN_PREFIX) ? hosts.resolve(token) : sessions.resolve(token);
                }

                @Override
                public Optional<Caller> remembered(String token) {
                    return token.startsWith(HostService.TOKEN_PREFIX) ? hosts.remembered(token) : sessions.remembered(token);
                }
            };
            jetty.setHandler(metrics.instrument(jetty, threads, new ApiHandler(router, tokens, admission, longPolls, uploads,
                    BodyPace.DEFAULT, new FailedTokens(clock))));
            jetty.setErrorHandler(new ProblemErrorHandler());

            Path credentials = config.home().resolve(CREDENTIALS_FILE).toAbsolutePath();
            new FirstStart(jdbc, users, hasher, clock).createAccountsIfEmpty(credentials, "https://localhost:" + port, keys.pem());

            ScheduledExecutorService reaperThread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "xw-reaper");
                t.setDaemon(true);
                return t;
            });
            reaperThread.scheduleWithFixedDelay(() -> {
                try {
                    reaper.reapOnce();
                } catch (RuntimeException e) {
                    LOG.error("reaper pass failed", e);
                }
            }, REAP_EVERY.toMillis(), REAP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            reaperThread.scheduleWithFixedDelay(() -> {
                try {
                    certifier.sweep(false);
                } catch (RuntimeException e) {
                    LOG.error("certification sweep failed", e);
                }
            }, REAP_EVERY.toMillis(), REAP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            reaperThread.scheduleWithFixedDelay(() -> {
                try {
                    housekeeping.sweepOnce();
                } catch (RuntimeException e) {
                    LOG.error("data housekeeping pass failed", e);
                }
            }, config.housekeepingSeconds(), config.housekeepingSeconds(), TimeUnit.SECONDS);
            reaperThread.scheduleWithFixedDelay(() -> {
                try {
                    hosts.directory().flushAlive();
                } catch (RuntimeException e) {
                    LOG.error("writing hosts' liveness failed", e);
                }
            }, ALIVE_FLUSH_EVERY.toMillis(), ALIVE_FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            if (authorities.enabled() && config.trust().reloadSeconds() > 0) {
                reaperThread.scheduleWithFixedDelay(authorities::reload, config.trust().reloadSeconds(), config.trust().reloadSeconds(),
                        TimeUnit.SECONDS);
            }
            // Counted once now, so the status page and the gauges have figures from the first request.
            census.sample();
            reaperThread.scheduleWithFixedDelay(() -> {
                try {
                    census.sample();
                } catch (RuntimeException e) {
                    LOG.warn("counting the grid for the status page and metrics failed: {}", e.getMessage());
                }
            }, seen.statusSampleSeconds(), seen.statusSampleSeconds(), TimeUnit.SECONDS);
            jetty.start();
            return new XtremWebServer(jetty, dataSource, reaperThread, port, credentials, keys.pem(), hosts.directory(), metrics, census,
                    router.templates(), dataStore, admission);
        } catch (Exception | Error e) {
            if (dataStore != null) {
                dataStore.close();
            }
            metrics.close();
            dataSource.close();
            throw e;
        }
    }

    /**
     * path.home and the directories of it holding users' things, each readable by the server's user
     * only (0700), as the worker keeps its home: {@code data/} (every user's private data and results),
     * {@code var/} (results under comparison), {@code logs/} (who did what, from where) and, on the
     * embedded database, {@code db/} (every row, password hashes included). Created so, and narrowed
     * at every start when an older server (or the umask) left them open to the machine's other users.
     * A directory this user cannot make is one sentence naming the key.
     */
    static void createHome(java.nio.file.Path home, boolean embeddedDatabase) {
        List<String> names = embeddedDatabase ? List.of("logs", "data", "var", "db") : List.of("logs", "data", "var");
        for (String name : names) {
            java.nio.file.Path dir = home.resolve(name);
            boolean existed = Files.isDirectory(dir);
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : e instanceof java.nio.file.FileAlreadyExistsException f ? f.getFile() + " is a file, not a directory"
                        : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                        : "the file system refuses it";
                throw new xtremweb.common.config.ConfigException("cannot create the directory " + dir + ": " + why
                        + "; set path.home in the server's configuration to a directory this user may write");
            }
            ownerOnly(dir, existed);
        }
    }

    private static void ownerOnly(java.nio.file.Path dir, boolean existed) {
        try {
            java.nio.file.attribute.PosixFileAttributeView view =
                    Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class);
            if (view == null) {
                return; // not a POSIX file system: its own access lists apply
            }
            java.util.Set<java.nio.file.attribute.PosixFilePermission> now = view.readAttributes().permissions();
            java.util.Set<java.nio.file.attribute.PosixFilePermission> owners = java.util.EnumSet.noneOf(
                    java.nio.file.attribute.PosixFilePermission.class);
            now.stream().filter(p -> p.name().startsWith("OWNER_")).forEach(owners::add);
            if (!owners.equals(now)) {
                view.setPermissions(owners);
                if (existed) {
                    LOG.warn("{} was open to the machine's other users; its group's and others' rights taken away:"
                            + " it holds users' private data", dir);
                }
            }
        } catch (java.io.IOException e) {
            LOG.warn("cannot take the group's and others' rights away from {} ({}): the machine's other users may read what it holds;"
                    + " chmod 700 it as the user that owns it", dir, e.getMessage());
        }
    }

    /**
     * Binds the HTTPS port. A port another program holds (most often a server already running), an
     * address this machine does not have or a port below 1024 without root is a configuration to
     * fix, said in one line naming the keys, not a stack trace.
     */
    static void open(ServerConnector connector, ServerConfig config) throws java.io.IOException {
        try {
            connector.open();
        } catch (java.io.IOException e) {
            java.net.BindException bind = e instanceof java.net.BindException b ? b
                    : e.getCause() instanceof java.net.BindException b ? b : null;
            if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
                throw new xtremweb.common.config.ConfigException("cannot listen on " + config.listenAddress() + ":" + config.port()
                        + ": '" + config.listenAddress() + "' is no address or name of this machine; fix listen.address in the"
                        + " server's configuration (0.0.0.0: every address)");
            }
            if (bind == null) {
                throw e;
            }
            String where = (config.listenAddress() == null ? "0.0.0.0" : config.listenAddress()) + ":" + config.port();
            String reason = String.valueOf(bind.getMessage());
            String why = reason.contains("in use") ? "the port is already in use (an XtremWeb server already running there,"
                    + " or another program: see 'ss -ltnp'); stop it, or set another port.https in the server's configuration"
                    : reason.contains("ermission") ? "ports below 1024 need root; set port.https above 1023 in the server's"
                    + " configuration"
                    : reason.contains("assign") ? "this machine has no such address; fix listen.address in the server's"
                    + " configuration (0.0.0.0: every address)"
                    : reason + "; check port.https and listen.address in the server's configuration";
            throw new xtremweb.common.config.ConfigException("cannot listen on " + where + ": " + why);
        }
    }

    private static ServerConnector connector(Server jetty, ServerConfig config, ServerKeystore.Loaded keys, AuthorityStore authorities) {
        // With certificate login on, clients are asked for a certificate (not required) and the login validates it.
        SslContextFactory.Server tls = authorities.enabled()
                ? new ClientCertificateTls(new DeferredClientTrust(authorities::acceptedIssuers)) : new SslContextFactory.Server();
        tls.setKeyStore(keys.keyStore());
        tls.setKeyStorePassword(keys.password());
        tls.setKeyManagerPassword(keys.password());
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        // Only AEAD suites with forward secrecy: TLS 1.3's own, and TLS 1.2's ECDHE with GCM or
        // ChaCha20-Poly1305. CBC suites (Lucky13-style padding oracles) are never offered.
        tls.setIncludeCipherSuites(AEAD_CIPHER_SUITES);
        // Workers and clients may connect by IP address; they pin the certificate anyway.
        tls.setSniRequired(false);
        // A TLS 1.2 renegotiation could swap the client certificate under a connection that already
        // logged in; none is allowed (TLS 1.3 has none). Resumed sessions keep the certificate of
        // the handshake that proved the key, and only that client holds the resumption secret.
        tls.setRenegotiationAllowed(false);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // A '%' in a name (a volunteer's host "lab%1") travels as %25, which Jetty refuses by default as
        // ambiguous: a servlet container could decode the path twice. The router matches the raw path
        // and decodes each path variable once (Router.Route.bind), so %25 means '%' and nothing else;
        // encoded '/', '\', NUL, '..' and bad UTF-8 stay refused.
        http.setUriCompliance(UriCompliance.DEFAULT.with("xtremweb", UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(jetty, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost(config.listenAddress());
        connector.setPort(config.port());
        // Long polls hold a connection up to 30 s; keep idle connections a little longer than that.
        connector.setIdleTimeout(Duration.ofSeconds(90).toMillis());
        // Thousands of workers may (re)connect at once, after a server restart say: with the JDK's
        // default backlog of 50, the connections beyond it are dropped and retried seconds later.
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
    }

    /** The build's version (from the jar's manifest), or "development" when run from classes. */
    static String version() {
        String v = XtremWebServer.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    private static String databaseVersion(Jdbc jdbc) {
        return jdbc.tx("database version", c -> c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion());
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    public int port() {
        return port;
    }

    /** The API's routes, as the router has them. */
    public List<Router.Template> routes() {
        return routes;
    }

    public Path credentialsFile() {
        return credentials;
    }

    public Path certificateFile() {
        return certificate;
    }

    @Override
    public void close() {
        try {
            long started = System.nanoTime();
            int cut = admission.stop(STOP_GRACE);
            if (cut > 0) {
                LOG.warn("stopping: {} request(s) still answered after {} s are cut; their callers send them again", cut,
                        STOP_GRACE.toSeconds());
            } else {
                LOG.info("stopping: the requests under way ended within {} ms; new ones were refused with 503",
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reaperThread.shutdownNow();
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Jetty did not stop cleanly: {}", e.getMessage());
        }
        try {
            hostDirectory.flushAlive();
        } catch (RuntimeException e) {
            LOG.warn("hosts' last liveness not written: {}", e.getMessage());
        }
        dataStore.close();
        metrics.close();
        dataSource.close();
    }

    /** Counts the grid now instead of waiting for the next {@code status.sample} (tests). */
    public void sampleCensus() {
        census.sample();
    }
}
