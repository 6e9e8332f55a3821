package xtremweb.bridge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xtremweb.client.api.XwClient;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;

/**
 * {@code xtremweb.bridge console}: plugs a batch cluster into the grid. Every {@code bridge.period}
 * it runs one round ({@link Bridge}) until SIGTERM; pilots already submitted go on and leave on
 * their own when idle. Exit codes: 0 stopped, 1 failure, 2 configuration error, 3 the server
 * refuses the bridge's login.
 */
@Command(name = "xtremweb.bridge", mixinStandardHelpOptions = true,
        description = "Submits XtremWeb pilot workers to a batch cluster (Slurm) for the works its identity may run.")
public final class BridgeMain implements Callable<Integer> {
    static {
        // The client library's jar carries its own logback.xml (warnings only): the bridge logs its rounds.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "xtremweb-bridge-logback.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(BridgeMain.class);
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_CONFIG = 2;
    static final int EXIT_LOGIN_REFUSED = 3;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--xwconfig", paramLabel = "FILE",
            description = "configuration file (default: $XW_HOME/conf/xtremweb.bridge.conf, then ~/.xtremweb/xtremweb.bridge.conf)")
    private Path configFile;

    @Option(names = "--once", description = "run one round and exit (to check a configuration)")
    private boolean once;

    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) {
        System.exit(new CommandLine(new BridgeMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        BridgeConfig config;
        try {
            XwConfig conf = XwConfig.locate(Optional.ofNullable(configFile), PilotFiles.installDir(), "xtremweb.bridge.conf",
                    "xtremweb.bridge.conf");
            config = BridgeConfig.from(conf);
            LOG.info("configuration read from {}", conf.source());
        } catch (ConfigException | IllegalArgumentException e) {
            LOG.error("cannot start the bridge: {}", e.getMessage());
            return EXIT_CONFIG;
        }
        XwClient client;
        try {
            client = XwClient.open(config.server());
        } catch (ConfigException e) {
            LOG.error("cannot start the bridge: {}", e.getMessage());
            return EXIT_CONFIG;
        }
        Bridge bridge = new Bridge(config, client, new Slurm(config.slurm(), Commands.processes(COMMAND_TIMEOUT)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            LOG.info("bridge stopped; its pilots go on and leave when idle");
        }, "xw-bridge-stop"));
        LOG.info("bridge starting: {}", config);
        boolean loggedIn = false;
        do {
            boolean done = false;
            try {
                if (!loggedIn) {
                    client.logIn();
                    loggedIn = true;
                    LOG.info("bridge ready: logged in to {} as '{}', cluster '{}', a round every {} s", client.server(),
                            config.server().login(), config.cluster(), config.period().toSeconds());
                }
                bridge.round();
                done = true;
            } catch (XwApiException e) {
                if (e.status() == 401 && !loggedIn) {
                    LOG.error("the server at {} refuses login '{}': {}; fix login and password.file in the bridge's configuration",
                            client.server(), config.server().login(), e.getMessage());
                    return EXIT_LOGIN_REFUSED;
                }
                LOG.warn("round failed: the server refused (HTTP {} {}): {}", e.status(), e.code(), e.getMessage());
            } catch (XwConnectException e) {
                LOG.warn("round failed: {}", e.getMessage());
            } catch (BatchException e) {
                LOG.warn("round failed: {}", e.getMessage());
            } catch (java.io.IOException e) {
                LOG.warn("round failed: cannot write the pilots' files under {}: {}", config.home(), e.getMessage());
            }
            if (once) {
                return done ? EXIT_OK : EXIT_FAILURE;
            }
        } while (!stopped.await(config.period().toMillis(), TimeUnit.MILLISECONDS));
        return EXIT_OK;
    }
}
