package xtremweb.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import xtremweb.client.api.ClientSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.common.config.ConfigException;
import xtremweb.common.config.KnownKeys;
import xtremweb.common.config.XwConfig;
import xtremweb.common.platform.Platform;

/**
 * Every key of {@code conf/xtremweb.bridge.conf}, read and checked once at start (each key is
 * documented in that file); afterwards nothing reads the file again.
 *
 * @param server       how to reach the server and as whom (a worker identity: public, group or private)
 * @param cluster      the name host listings show for the pilots' cluster
 * @param tag          what the bridge marks its pilots with (Slurm's job comment)
 * @param home         where the bridge keeps the pilots' grants, configurations and output
 * @param pilotOs      the platform of the cluster's nodes, for the demand
 */
record BridgeConfig(ClientSettings server, String cluster, String tag, Path home, Duration period, int maxPilots, int perRound,
                    SlurmOptions slurm, String pilotOs, String pilotCpu, Duration idle, Duration drain, Duration giveBack,
                    Duration registerWithin, boolean sandbox, Duration jobTimeout) {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeConfig.class);
    static final int DEFAULT_PERIOD = 30;
    static final int DEFAULT_MAX_PILOTS = 10;
    static final int DEFAULT_PER_ROUND = 5;
    static final int DEFAULT_TIME_MINUTES = 60;
    static final int DEFAULT_SIGNAL = 120;
    static final int DEFAULT_IDLE = 300;
    static final int DEFAULT_DRAIN = 600;
    static final int DEFAULT_REGISTER_WITHIN = 86_400;
    private static final String NAME = "[A-Za-z0-9._@:-]{1,100}";

    /** The pilots' time limit, which is also their credential's lifetime. */
    Duration lifetime() {
        return Duration.ofMinutes(slurm.timeMinutes());
    }

    /** Every key; a misspelt guarded one refuses the start (its default would silently apply), others are warned about. */
    static final KnownKeys KEYS = new KnownKeys("bridge",
            List.of("dispatcher.servers", "port.https", "path.certfile", "login", "password", "password.file", "bridge.cluster",
                    "bridge.name", "bridge.period", "bridge.maxpilots", "bridge.perround", "path.home", "batch.system",
                    "slurm.partition", "slurm.account", "slurm.qos", "slurm.time", "slurm.cpus", "slurm.memory", "slurm.options",
                    "slurm.signal", "slurm.jobname", "pilot.idle", "pilot.drain", "pilot.os", "pilot.cpu", "pilot.registerwithin",
                    "pilot.sandbox", "job.timeout"),
            List.of("bridge.maxpilots", "bridge.perround", "slurm.time", "slurm.cpus", "slurm.memory", "slurm.signal", "pilot.idle",
                    "pilot.drain", "pilot.sandbox", "job.timeout"),
            List.of());

    static BridgeConfig from(XwConfig conf) {
        String host = xtremweb.common.http.XwHttpClient.serverList(conf.required("dispatcher.servers"));
        int port = conf.integer("port.https", ClientSettings.DEFAULT_PORT, 1, 65_535);
        Path certFile = conf.optionalPath("path.certfile").orElseThrow(() -> conf.missing("path.certfile", "; set it to the server's certificate (PEM)"));
        if (!Files.isReadable(certFile)) {
            throw new ConfigException("key 'path.certfile' in " + conf.source() + " names " + certFile
                    + ", which does not exist or is not readable; copy the server's xwserver.pem there");
        }
        String login = conf.required("login");
        String system = conf.string("batch.system", "slurm").trim().toLowerCase(Locale.ROOT);
        if (!system.equals("slurm")) {
            throw new ConfigException("batch.system '" + system + "' in " + conf.source() + " is not supported; only 'slurm' is built");
        }
        String cluster = name(conf, "bridge.cluster", conf.required("bridge.cluster"));
        String tag = name(conf, "bridge.name", conf.string("bridge.name", "xwbridge-" + login + "-" + cluster));
        int time = conf.integer("slurm.time", DEFAULT_TIME_MINUTES, 2, 7 * 24 * 60);
        long lifetime = time * 60L;
        int signal = conf.integer("slurm.signal", DEFAULT_SIGNAL, 10, 65_535);
        int drain = conf.integer("pilot.drain", DEFAULT_DRAIN, 0, Integer.MAX_VALUE);
        if (signal >= lifetime || drain >= lifetime) {
            throw new ConfigException("slurm.signal (" + signal + " s) and pilot.drain (" + drain + " s) must be shorter than the"
                    + " pilots' time limit slurm.time (" + time + " min = " + lifetime + " s) in " + conf.source());
        }
        SlurmOptions slurm = new SlurmOptions(optional(conf, "slurm.partition"), optional(conf, "slurm.account"),
                optional(conf, "slurm.qos"), time, conf.integer("slurm.cpus", 1, 1, 4096), conf.integer("slurm.memory", 0, 0, Integer.MAX_VALUE),
                words(conf.string("slurm.options", "")), signal, name(conf, "slurm.jobname", conf.string("slurm.jobname", "xwpilot")), tag);
        Path home = conf.path("path.home", "var/bridge").toAbsolutePath();
        Duration period = Duration.ofSeconds(conf.integer("bridge.period", DEFAULT_PERIOD, 1, 86_400));
        int maxPilots = conf.integer("bridge.maxpilots", DEFAULT_MAX_PILOTS, 1, 100_000);
        int perRound = conf.integer("bridge.perround", DEFAULT_PER_ROUND, 1, 10_000);
        String os = Platform.normaliseOs(conf.string("pilot.os", Platform.currentOs()));
        String cpu = Platform.normaliseCpu(conf.string("pilot.cpu", Platform.currentCpu()));
        Duration idle = Duration.ofSeconds(conf.integer("pilot.idle", DEFAULT_IDLE, 1, Integer.MAX_VALUE));
        Duration registerWithin = Duration.ofSeconds(conf.integer("pilot.registerwithin", DEFAULT_REGISTER_WITHIN, 60, 7 * 86_400));
        boolean sandbox = conf.bool("pilot.sandbox", true);
        Duration jobTimeout = Duration.ofSeconds(conf.integer("job.timeout", 86_400, 1, Integer.MAX_VALUE));
        // Every key read: now the ones left are unknown (before the password, so a misspelt 'password' is explained first).
        KEYS.check(conf).forEach(LOG::warn);
        ClientSettings server = new ClientSettings(host, port, certFile, login, password(conf, login), conf.source());
        return new BridgeConfig(server, cluster, tag, home, period, maxPilots, perRound, slurm, os, cpu, idle,
                // The pilot stops asking for work at the drain. Slurm's warning (never late, up to a minute early)
                // makes it give its works back; its own timer, a quarter later, is there in case the signal is lost.
                Duration.ofSeconds(drain == 0 ? signal : drain), Duration.ofSeconds(Math.max(5, signal * 3L / 4)),
                registerWithin, sandbox, jobTimeout);
    }

    private static String password(XwConfig conf, String login) {
        Optional<String> inline = conf.optional("password");
        if (inline.isPresent()) {
            return inline.get();
        }
        Path file = conf.optionalPath("password.file").orElseThrow(() -> new ConfigException("no password for '" + login
                + "': set 'password.file' (a file readable by the bridge's account only) in " + conf.source()));
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new ConfigException("the password file " + file + " (key 'password.file' in " + conf.source() + ") is empty");
            }
            return lines.get(0);
        } catch (IOException e) {
            throw new ConfigException("cannot read the password file " + file + " (key 'password.file' in " + conf.source() + "): "
                    + e.getMessage(), e);
        }
    }

    private static Optional<String> optional(XwConfig conf, String key) {
        return conf.optional(key).map(String::trim).filter(v -> !v.isEmpty()).map(v -> name(conf, key, v));
    }

    private static String name(XwConfig conf, String key, String value) {
        String trimmed = value.trim();
        if (!trimmed.matches(NAME)) {
            throw new ConfigException("key '" + key + "' in " + conf.source() + " is '" + value + "'; use 1 to 100 letters, digits"
                    + " and . _ @ : -");
        }
        return trimmed;
    }

    /** Extra sbatch options, split at white space (each option one word, e.g. --constraint=haswell --exclusive). */
    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "BridgeConfig[server=" + server.host() + ":" + server.port() + ", login=" + server.login() + ", cluster=" + cluster
                + ", tag=" + tag + ", home=" + home + ", period=" + period.toSeconds() + "s, maxPilots=" + maxPilots + ", perRound="
                + perRound + ", " + slurm + ", platform=" + pilotOs + "/" + pilotCpu + ", idle=" + idle.toSeconds() + "s]";
    }
}
