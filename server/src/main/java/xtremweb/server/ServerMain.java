package xtremweb.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;

/** Starts the XtremWeb server: {@code xtremweb.server console [--xwconfig FILE]}. */
@Command(name = "xtremweb.server", mixinStandardHelpOptions = true, description = "Runs the XtremWeb server.")
public final class ServerMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

    @Option(names = "--xwconfig", paramLabel = "FILE", description = "configuration file (default: $XW_HOME/conf/xtremweb.server.conf)")
    private Path configFile;

    public static void main(String[] args) {
        int code = new CommandLine(new ServerMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    static Path installDir() {
        String env = System.getenv("XW_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        String prop = System.getProperty("xw.home");
        return Path.of(prop != null && !prop.isBlank() ? prop : ".").toAbsolutePath().normalize();
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            Path install = installDir();
            config = ServerConfig.fromFile(XwConfig.locate(Optional.ofNullable(configFile), install, "xtremweb.server.conf"));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        config.observability().logFormat().apply();
        config.observability().logLevel().apply();
        XtremWebServer server;
        try {
            server = XtremWebServer.start(config);
        } catch (ConfigException e) {
            // Found only when the server tries it (the object store refusing its bucket or keys): one line, the key to fix.
            System.err.println(e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
            stopped.countDown();
        }, "xw-shutdown"));
        System.out.println("XtremWeb server ready on https://localhost:" + server.port());
        if (Files.exists(server.credentialsFile())) {
            System.out.println("First-start credentials: " + server.credentialsFile());
        }
        System.out.flush();
        stopped.await();
        return 0;
    }
}
