package xtremweb.worker;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;
import xtremweb.worker.config.HomeLock;
import xtremweb.common.wire.WorkerProtocol;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.volunteer.LocalChannel;
import xtremweb.common.x509.CredentialException;
import xtremweb.common.x509.CredentialFiles;
import xtremweb.worker.activator.ActivatorSettings;
import xtremweb.worker.activator.Activators;
import xtremweb.worker.exec.Confinement;
import xtremweb.worker.exec.JobsDirectory;
import xtremweb.worker.inventory.Inventory;
import xtremweb.worker.loop.Activation;
import xtremweb.worker.task.RunningTasks;
import xtremweb.worker.cache.InputCache;
import xtremweb.worker.config.PinnedCertificate;
import xtremweb.worker.config.WorkerConfig;
import xtremweb.worker.loop.WorkLoop;
import xtremweb.worker.server.HostIdentityFile;
import xtremweb.worker.server.Registrar;
import xtremweb.worker.server.AddressAdvice;
import xtremweb.worker.server.ServerSession;
import xtremweb.worker.server.StopSignal;
import xtremweb.worker.volunteer.OwnerChannel;
import xtremweb.worker.volunteer.OwnerWishes;
import xtremweb.worker.volunteer.StatusReport;

/**
 * {@code xtremweb.worker console}: reads the configuration, registers the host and computes until
 * SIGTERM, then says goodbye to the server. Exit codes: 0 stopped, 1 failure, 2 usage or
 * configuration error, 3 the server refuses the login (account deleted or password changed): the
 * service units do not restart the worker on 2 and 3, which only an administrator can fix.
 */
@Command(name = "xtremweb.worker", mixinStandardHelpOptions = true, versionProvider = WorkerMain.Version.class,
        description = "The XtremWeb worker: pulls works from the server, runs them, uploads their results.")
public final class WorkerMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_CONFIG = 2;
    static final int EXIT_LOGIN_REFUSED = 3;
    /** Where the .deb installs the worker's configuration. */
    static final String SYSTEM_CONFIG = "/etc/xtremweb/xtremweb.worker.conf";
    // The goodbye must not hold up a stop (the scripts wait 30 s, then kill).
    private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(3);

    @Option(names = "--xwconfig", paramLabel = "FILE",
            description = "configuration file (default: $XW_HOME/conf/xtremweb.worker.conf, then ~/.xtremweb/xtremweb.worker.conf,"
                    + " then " + SYSTEM_CONFIG + ", where the .deb installs it)")
    private Path configFile;

    /** Held while the worker runs: no second worker may use its home (and host identity). */
    @SuppressWarnings("unused")
    private HomeLock homeLock;

    /**
     * What -V prints: picocli's standard option printed an empty line, as no version was declared;
     * a volunteer asked for the worker's version had nothing to give.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = WorkerMain.class.getPackage().getImplementationVersion();
            return new String[] {"XtremWeb worker " + (version != null ? version : "(development build)") + " on Java "
                    + Runtime.version() + " (" + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ")"};
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new WorkerMain()).execute(args));
    }

    /**
     * The Windows service's stop (procrun's StopMethod, installers/windows): the same orderly
     * shutdown as SIGTERM, through the shutdown hook.
     */
    public static void stop(String[] args) {
        LOG.info("the service manager asks the worker to stop");
        System.exit(EXIT_OK);
    }

    @Override
    public Integer call() {
        WorkerConfig config;
        List<X509Certificate> pinned;
        String configSource;
        Optional<String> hostDn;
        int protocol;
        try {
            if (configFile == null) {
                // Kept in configFile, so that the sandbox hides its directory from jobs as for --xwconfig.
                configFile = systemConfig(installDir(), Path.of(System.getProperty("user.home")), Path.of(SYSTEM_CONFIG))
                        .orElse(null);
            }
            XwConfig conf = XwConfig.locate(Optional.ofNullable(configFile), installDir(), "xtremweb.worker.conf",
                    "xtremweb.worker.conf");
            config = WorkerConfig.from(conf);
            // The newest worker protocol used (the server's offer permitting): 1 behaves as workers
            // before protocol 2 did, to compare them or to work around a faulty server.
            protocol = conf.integer("worker.protocol", WorkerProtocol.CURRENT, WorkerProtocol.V1, WorkerProtocol.CURRENT);
            pinned = PinnedCertificate.read(config.certFile(), conf.source());
            // Read once now so that an unusable host certificate stops the start, like any configuration mistake.
            hostDn = config.hostCertificate().map(c -> CredentialFiles.read(c.certificate(), c.key(),
                    CredentialFiles.Passphrase.none()).identity());
            hostDn.ifPresent(dn -> LOG.info("logging in with the host certificate of {}", dn));
            configSource = String.valueOf(conf.source());
            LOG.info("configuration read from {}", configSource);
            config.exposedSecrets().forEach(LOG::warn);
        } catch (ConfigException | IllegalArgumentException | CredentialException e) {
            LOG.error("cannot start the worker: {}", e.getMessage());
            return EXIT_CONFIG;
        }
        try {
            homeLock = HomeLock.acquire(config.home(), configSource);
        } catch (ConfigException e) {
            LOG.error("cannot start the worker: {}", e.getMessage());
            return EXIT_CONFIG;
        } catch (IOException e) {
            LOG.error("cannot start the worker: cannot lock its home {} (key 'path.home' in {}): {}", config.home(), configSource,
                    e.getMessage());
            return EXIT_FAILURE;
        }
        StopSignal stop = new StopSignal();
        // A host identity left by an earlier run: that run may have died without its goodbye (kill -9, a crash, a power cut).
        boolean earlierRun = Files.exists(config.home().resolve(HostIdentityFile.FILE_NAME));
        Owner owner;
        WorkLoop loop;
        ServerSession session;
        Path jobs;
        try {
            InputCache cache = new InputCache(config.home().resolve("cache"));
            List<URI> server = config.servers();
            session = config.hostCertificate().isPresent()
                    ? new ServerSession(server, pinned, hostDn.orElseThrow(), Registrar.certificate(server, pinned,
                            () -> CredentialFiles.read(config.hostCertificate().get().certificate(), config.hostCertificate().get().key(),
                                    CredentialFiles.Passphrase.none())), new HostIdentityFile(config.home()), stop)
                    : new ServerSession(server, pinned, config.login(), config.password(), new HostIdentityFile(config.home()), stop);
            session.advise(new AddressAdvice(configSource, config.certFile()));
            Inventory inventory = new Inventory(config.tmpDir());
            session.inventory(inventory::collect);
            session.hostName(config.hostName());
            session.maxProtocol(protocol);
            RunningTasks running = new RunningTasks();
            ActivatorSettings policy = config.activator();
            Clock clock = Clock.systemDefaultZone();
            Activation activation = new Activation(Activators.create(policy, clock, running::pids), running,
                    clock, policy.period(), policy.suspendLimit(), stop);
            jobs = JobsDirectory.prepare(config.tmpDir(), config.home());
            loop = new WorkLoop(session, activation, running, config.poolSize(), cache, jobs, config.jobTimeout(),
                    confinement(config), stop, config.home().resolve("pending"));
            loop.allowPrivateAddresses(config.privateAddresses());
            loop.reuseSandboxes(config.execution().reuse());
            owner = ownerChannel(config, session, activation, running, clock, stop);
            OwnerWishes wishes = owner.wishes();
            loop.takeWorkWhile(() -> !wishes.paused());
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot start the worker: {}", e.getMessage());
            return EXIT_FAILURE;
        }
        ServerSession server = session;
        Owner volunteer = owner;
        Path jobsDir = jobs;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.stop();
            int killed = loop.killRunningJobs();
            volunteer.channel().stopped();
            if (server.goodbye(loop.keptResults(), GOODBYE_TIMEOUT)) {
                LOG.info("worker stopped; {} running job(s) killed; the server was told and re-queues their works now", killed);
            } else {
                LOG.info("worker stopped; {} running job(s) killed", killed);
            }
            JobsDirectory.removeIfEmpty(jobsDir);
        }, "xw-shutdown"));

        LOG.info("worker starting: server {}, login '{}', pool size {}, job time limit {} s, activator {}",
                session.server(), config.hostCertificate().map(c -> "host certificate " + c.certificate()).orElse(config.login()),
                config.poolSize(), config.jobTimeout().toSeconds(), config.activator());
        Thread ownerThread = new Thread(owner.channel(), "xw-volunteer-window");
        ownerThread.setDaemon(true);
        ownerThread.start();
        if (session.connect()) {
            LOG.info("worker running as host {} against {}; pool size {}", session.hostUid().orElse("?"), session.server(),
                    config.poolSize());
            if (earlierRun) {
                sayGoodbyeForTheEarlierRun(session, loop.keptResults());
            }
            loop.run();
        }
        return session.refusal().map(refusal -> {
            if (config.hostCertificate().isPresent()) {
                LOG.error("the server at {} refuses the host certificate of {} ({}), so this worker would retry in vain; renew"
                        + " the certificate (x509.cert in {}) or ask the grid's administrator to register its DN (xwsenduser ..."
                        + " --xwdn), then start the worker again; stopping with exit code {}", refusal.server(), refusal.login(),
                        refusal.detail(), configSource, EXIT_LOGIN_REFUSED);
                return EXIT_LOGIN_REFUSED;
            }
            LOG.error("the server at {} refuses login '{}' ({}): the account was deleted, or the password in password.file"
                    + " is not (any more) its password, so this worker would retry in vain; fix login and password.file in {}"
                    + " (or ask the grid's administrator to create the account again), then start the worker again;"
                    + " stopping with exit code {}", refusal.server(), refusal.login(), refusal.detail(), configSource,
                    EXIT_LOGIN_REFUSED);
            return EXIT_LOGIN_REFUSED;
        }).orElse(EXIT_OK);
    }

    /**
     * The goodbye an earlier run of this host may not have said: the tasks the server still holds
     * for this host, which no job of this run computes, go back to the queue at once instead of one
     * lease later (45 s by default, and the works wait that long), except those whose result is
     * kept on disk to deliver. After an earlier run that did say goodbye, nothing is left to give back.
     */
    private static void sayGoodbyeForTheEarlierRun(ServerSession session, List<String> kept) {
        if (session.goodbye(kept, GOODBYE_TIMEOUT)) {
            LOG.info("an earlier run of this host left its identity in its home: the server was told that run is over, and"
                    + " re-queues now whatever it still held for this host{}", kept.isEmpty() ? ""
                    : " except " + kept.size() + " task(s) whose result is kept on disk, delivered next");
        }
    }

    /** The owner's side: the volunteer's window's control file and the status it shows. */
    private record Owner(OwnerWishes wishes, OwnerChannel channel) {
    }

    /**
     * Reads the owner's control file once before anything else, so a worker its owner paused stays
     * paused across a restart and never asks for work in between.
     */
    private static Owner ownerChannel(WorkerConfig config, ServerSession session, Activation activation, RunningTasks running,
                                      Clock clock, StopSignal stop) {
        LocalChannel channel = LocalChannel.ofWorkerHome(config.home());
        try {
            channel.createPrivately();
        } catch (IOException e) {
            // The worker computes all the same; its owner's window cannot reach it (said again at each write, once).
            LOG.warn("the volunteer's window cannot talk to this worker: cannot make {} private to its user: {}",
                    channel.dir(), e.getMessage());
        }
        OwnerWishes wishes = new OwnerWishes(config.activator(), settings -> Activators.create(settings, clock, running::pids),
                activation, channel.controlFile());
        StatusReport report = new StatusReport(session::hostUid, session.server().toString(), config.hostName(),
                config.poolSize(), activation, running, wishes, clock);
        OwnerChannel owner = new OwnerChannel(channel, wishes, report, stop, clock);
        owner.poll();
        LOG.info("the volunteer's window (bin/xwgui --xwworker) talks to this worker through {}", channel.dir());
        return new Owner(wishes, owner);
    }

    /** Bubblewrap unless {@code sandbox.enable} is false or it is not installed; says which in the log. */
    private Confinement confinement(WorkerConfig config) {
        WorkerConfig.Execution exec = config.execution();
        List<Path> hidden = new java.util.ArrayList<>(List.of(config.home().toAbsolutePath(),
                config.certFile().toAbsolutePath().getParent(), installDir().resolve("conf")));
        if (configFile != null && configFile.toAbsolutePath().getParent() != null) {
            hidden.add(configFile.toAbsolutePath().getParent());
        }
        hidden.addAll(config.secretFiles());
        Confinement confinement = Confinement.choose(exec.sandbox(), Confinement.findBubblewrap(), exec.network(),
                exec.memoryBytes(), exec.fileBytes(), hidden);
        if (confinement.sandboxed()) {
            LOG.info(confinement.startupNotice(exec.sandbox()));
        } else {
            LOG.warn(confinement.startupNotice(exec.sandbox()));
        }
        return confinement;
    }

    /**
     * The packaged worker's configuration, when no other is there: the .deb's launcher runs with its
     * home in /var/lib/xtremweb-worker, so a volunteer starting it by hand without --xwconfig was
     * told "no configuration file found" although the package had installed one.
     */
    static Optional<Path> systemConfig(Path installDir, Path userHome, Path system) {
        boolean other = Files.isReadable(installDir.resolve("conf").resolve("xtremweb.worker.conf"))
                || Files.isReadable(userHome.resolve(".xtremweb").resolve("xtremweb.worker.conf"));
        return !other && Files.isReadable(system) ? Optional.of(system) : Optional.empty();
    }

    /** {@code XW_HOME}, else the {@code xw.home} system property, else the current directory. */
    static Path installDir() {
        String env = System.getenv("XW_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        String property = System.getProperty("xw.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        return Path.of("").toAbsolutePath();
    }
}
