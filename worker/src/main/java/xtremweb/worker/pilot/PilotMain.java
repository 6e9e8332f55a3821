package xtremweb.worker.pilot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.XwHttpClient;
import xtremweb.worker.activator.ActivatorSettings;
import xtremweb.worker.activator.Activators;
import xtremweb.worker.cache.InputCache;
import xtremweb.worker.config.PinnedCertificate;
import xtremweb.worker.exec.Confinement;
import xtremweb.worker.exec.Directories;
import xtremweb.worker.exec.JobExit;
import xtremweb.worker.inventory.Inventory;
import xtremweb.worker.loop.Activation;
import xtremweb.worker.loop.WorkLoop;
import xtremweb.worker.server.HostIdentityFile;
import xtremweb.worker.server.ServerSession;
import xtremweb.worker.server.StopSignal;
import xtremweb.worker.task.RunningTasks;

/**
 * {@code xtremweb.worker pilot --xwconfig FILE}: the worker as a batch job, started by a bridge.
 * It registers with the bridge's grant, keeps its state in the job's scratch directory, runs as
 * many works at once as the job has CPUs, and leaves when idle, near its time limit, on SIGUSR1
 * (Slurm's {@code --signal=B:USR1@N} warning) and on SIGTERM (scancel, preemption), giving the
 * works it was running back to the server. Exit codes: 0 left, 1 failure, 2 configuration or not
 * in a batch job, 3 the server refuses the grant.
 */
@Command(name = "xtremweb.worker pilot", mixinStandardHelpOptions = true,
        description = "The XtremWeb worker as a pilot job of a batch system (started by the bridge).")
public final class PilotMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PilotMain.class);
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_CONFIG = 2;
    static final int EXIT_GRANT_REFUSED = 3;
    // Slurm kills a job KillWait (30 s by default) after its SIGTERM: the give-back must be done before.
    private static final Duration DEPARTURE_LIMIT = Duration.ofSeconds(20);
    // A job killed by a signal in the moment the pilot is told to stop was killed by the batch system.
    private static final Duration STOP_FOLLOWS_KILL = Duration.ofSeconds(5);
    private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(3);

    @Option(names = "--xwconfig", paramLabel = "FILE", required = true, description = "the pilot configuration its bridge wrote")
    private Path configFile;

    private final AtomicBoolean departed = new AtomicBoolean();

    public static void main(String[] args) {
        System.exit(new CommandLine(new PilotMain()).execute(args));
    }

    @Override
    public Integer call() {
        Instant start = Instant.now();
        PilotConfig config;
        BatchJob job;
        List<X509Certificate> pinned;
        try {
            XwConfig conf = XwConfig.read(configFile, installDir());
            config = PilotConfig.from(conf);
            pinned = PinnedCertificate.read(config.certFile(), conf.source());
            job = BatchJob.fromSlurm(System.getenv(), Path.of("").toAbsolutePath(), Runtime.getRuntime().availableProcessors())
                    .orElseThrow(() -> new ConfigException("the pilot runs only as a batch job (no SLURM_JOB_ID in its environment);"
                            + " the bridge submits it"));
        } catch (ConfigException | IllegalArgumentException e) {
            LOG.error("cannot start the pilot: {}", e.getMessage());
            return EXIT_CONFIG;
        }
        StopSignal stop = new StopSignal();
        Path root;
        WorkLoop loop;
        ServerSession session;
        RunningTasks running = new RunningTasks();
        PilotRegistrar registrar = new PilotRegistrar(config.grantToken(), job.jobId(), job.cpus());
        try {
            root = Directories.createPrivate(job.scratch(), "xwpilot-" + job.jobId().replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
            // The pilot's own state (credential, input cache) apart from the jobs' directories, and hidden from the jobs.
            Path home = Files.createDirectory(root.resolve("state"));
            Path jobs = Files.createDirectory(root.resolve("jobs"));
            session = new ServerSession(XwHttpClient.serverUris(config.serverHost(), config.serverPort()), pinned,
                    "pilot " + job.jobId() + " of cluster '" + config.cluster() + "'", registrar, new HostIdentityFile(home), stop);
            session.inventory(new Inventory(home)::collect);
            Activation activation = new Activation(Activators.create(ActivatorSettings.alwaysActive(), Clock.systemUTC(), running::pids),
                    running, Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofDays(1), stop);
            loop = new WorkLoop(session, activation, running, job.cpus(), new InputCache(home.resolve("cache")), jobs,
                    config.jobTimeout(), confinement(config, home), stop, home.resolve("pending"));
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot start the pilot: {}", e.getMessage());
            return EXIT_FAILURE;
        }
        loop.giveBackInterrupted(exit -> killedBySignal(exit) && !stop.pause(STOP_FOLLOWS_KILL));
        WorkLoop pilot = loop;
        ServerSession server = session;
        PilotLifetime lifetime = new PilotLifetime(start, config, Clock.systemUTC(), loop::idleFor, stop,
                why -> depart(why, stop, running, pilot, server));
        loop.takeWorkWhile(lifetime::mayTakeWork);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> depart("the batch system stops it (scancel, preemption or time limit)",
                stop, running, pilot, server), "xw-pilot-stop"));
        Signal.handle(new Signal("USR1"), signal -> {
            depart("the batch system warns that its time limit is near (SIGUSR1)", stop, running, pilot, server);
            System.exit(EXIT_OK);
        });

        LOG.info("pilot starting: batch job {} of cluster '{}', {} CPU(s), scratch {}, ends by {}; {}", job.jobId(), config.cluster(),
                job.cpus(), root, lifetime.end(), config);
        try {
            if (session.connect()) {
                LOG.info("pilot {} registered as host {} against {}; running up to {} work(s) at once", job.jobId(),
                        session.hostUid().orElse("?"), session.server(), job.cpus());
                Thread watch = new Thread(lifetime, "xw-pilot-lifetime");
                watch.setDaemon(true);
                watch.start();
                loop.run();
            }
        } finally {
            // Left on its own (idle, refused): nothing runs; the goodbye ends its waiting work request at once.
            if (departed.compareAndSet(false, true)) {
                session.goodbye(loop.keptResults(), GOODBYE_TIMEOUT);
            }
            deleteQuietly(root);
        }
        Optional<ServerSession.Refusal> refused = session.refusal();
        if (refused.isPresent()) {
            LOG.error("the server at {} refuses this pilot's grant ({}): it was used up, expired, or its account was removed;"
                    + " the bridge submits new pilots with a new grant; stopping with exit code {}", refused.get().server(),
                    refused.get().detail(), EXIT_GRANT_REFUSED);
            return EXIT_GRANT_REFUSED;
        }
        LOG.info("pilot {} left", job.jobId());
        return EXIT_OK;
    }

    /** 128 + SIGTERM, SIGKILL, SIGHUP or SIGINT: how a job killed by a signal ends. */
    private static boolean killedBySignal(JobExit exit) {
        int code = exit.exitCode();
        return code == 143 || code == 137 || code == 129 || code == 130;
    }

    /**
     * Stops asking for work, kills the running jobs and gives their works back to the server (no
     * failure counted), waiting for that at most {@link #DEPARTURE_LIMIT}. Once, whoever calls first.
     */
    private void depart(String why, StopSignal stop, RunningTasks running, WorkLoop loop, ServerSession session) {
        if (!departed.compareAndSet(false, true)) {
            return;
        }
        stop.stop();
        int tasks = running.giveBackAll();
        LOG.info("pilot leaving: {}; {} running work(s) given back to the server", why, tasks);
        long deadline = System.nanoTime() + DEPARTURE_LIMIT.toNanos();
        while (!running.taskUids().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        // The goodbye re-queues whatever is still this host's (a give-back that failed, an assignment in flight).
        if (!session.goodbye(loop.keptResults(), GOODBYE_TIMEOUT) && !running.taskUids().isEmpty()) {
            LOG.warn("pilot leaving with {} work(s) not given back; the server re-queues them when their leases expire",
                    running.taskUids().size());
        }
    }

    private static Confinement confinement(PilotConfig config, Path home) {
        Confinement confinement = Confinement.choose(config.sandbox(), Confinement.findBubblewrap(), false, 0, 0,
                List.of(home.toAbsolutePath(), config.certFile().toAbsolutePath().getParent(), config.grantFile().getParent()));
        LOG.info(confinement.startupNotice(config.sandbox()));
        return confinement;
    }

    private static void deleteQuietly(Path dir) {
        try {
            if (Files.exists(dir)) {
                Directories.deleteRecursively(dir);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove the pilot's scratch {}: {}", dir, e.toString());
        }
    }

    private static Path installDir() {
        String env = System.getenv("XW_HOME");
        return env != null && !env.isBlank() ? Path.of(env).toAbsolutePath() : Path.of("").toAbsolutePath();
    }
}
