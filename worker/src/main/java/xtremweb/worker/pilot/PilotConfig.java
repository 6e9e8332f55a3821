package xtremweb.worker.pilot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;

/**
 * The pilot's configuration, written by its bridge next to the grant: where the server is, the
 * grant, the cluster's name, and the pilot's times. Every duration is in seconds.
 *
 * @param lifetime    the batch job's time limit: the pilot's end is its start plus this
 * @param idle        the pilot leaves after this long without a task
 * @param drain       it stops asking for work this long before its end
 * @param giveBack    it gives its running works back this long before its end (also on the batch
 *                    system's warning signal, SIGUSR1, whichever comes first)
 */
record PilotConfig(String serverHost, int serverPort, Path certFile, Path grantFile, String grantToken, String cluster, Duration lifetime,
                   Duration idle, Duration drain, Duration giveBack, Duration jobTimeout, boolean sandbox) {
    static final int DEFAULT_IDLE_SECONDS = 300;
    static final int DEFAULT_DRAIN_SECONDS = 600;
    static final int DEFAULT_GIVEBACK_SECONDS = 120;

    static PilotConfig from(XwConfig conf) {
        String host = xtremweb.common.http.XwHttpClient.serverList(conf.required("dispatcher.servers"));
        int port = conf.integer("port.https", 4325, 1, 65_535);
        try {
            xtremweb.common.http.XwHttpClient.serverUris(host, port);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("key 'dispatcher.servers' in " + conf.source() + ": " + e.getMessage(), e);
        }
        Path cert = conf.optionalPath("path.certfile").orElseThrow(() -> new ConfigException(
                "missing key 'path.certfile' in " + conf.source() + "; it must name the server's certificate (PEM)"));
        if (!Files.isReadable(cert)) {
            throw new ConfigException("the server certificate " + cert + " (key 'path.certfile' in " + conf.source()
                    + ") is not readable from this node; put it on a file system the cluster's nodes share");
        }
        Path grantFile = conf.optionalPath("pilot.grantfile").orElseThrow(() -> new ConfigException(
                "missing key 'pilot.grantfile' in " + conf.source() + "; the bridge writes the pilots' grant there"));
        String token;
        try {
            List<String> lines = Files.readAllLines(grantFile, StandardCharsets.UTF_8);
            token = lines.isEmpty() ? "" : lines.get(0).trim();
        } catch (IOException e) {
            throw new ConfigException("cannot read the pilot grant " + grantFile + " (key 'pilot.grantfile' in " + conf.source()
                    + "): " + e.getMessage() + "; it must be on a file system the cluster's nodes share", e);
        }
        if (token.isEmpty()) {
            throw new ConfigException("the pilot grant " + grantFile + " (key 'pilot.grantfile' in " + conf.source() + ") is empty");
        }
        String cluster = conf.required("pilot.cluster");
        Duration lifetime = seconds(conf, "pilot.lifetime", 3600);
        Duration idle = seconds(conf, "pilot.idle", DEFAULT_IDLE_SECONDS);
        Duration drain = seconds(conf, "pilot.drain", DEFAULT_DRAIN_SECONDS);
        Duration giveBack = seconds(conf, "pilot.giveback", DEFAULT_GIVEBACK_SECONDS);
        if (giveBack.compareTo(lifetime) >= 0 || drain.compareTo(lifetime) >= 0) {
            throw new ConfigException("pilot.drain (" + drain.toSeconds() + " s) and pilot.giveback (" + giveBack.toSeconds()
                    + " s) must be shorter than pilot.lifetime (" + lifetime.toSeconds() + " s) in " + conf.source());
        }
        Duration jobTimeout = seconds(conf, "job.timeout", 86_400);
        return new PilotConfig(host, port, cert, grantFile.toAbsolutePath(), token, cluster, lifetime, idle, drain, giveBack, jobTimeout,
                conf.bool("sandbox.enable", true));
    }

    private static Duration seconds(XwConfig conf, String key, int defaultValue) {
        return Duration.ofSeconds(conf.integer(key, defaultValue, 1, Integer.MAX_VALUE));
    }

    @Override
    public String toString() {
        return "PilotConfig[server=" + serverHost + ":" + serverPort + ", cluster=" + cluster + ", lifetime=" + lifetime.toSeconds()
                + "s, idle=" + idle.toSeconds() + "s, drain=" + drain.toSeconds() + "s, giveBack=" + giveBack.toSeconds()
                + "s, sandbox=" + sandbox + ", grant=***]";
    }
}
