package xtremweb.bridge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import xtremweb.client.api.ClientSettings;
import xtremweb.common.config.ConfigException;
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

    static BridgeConfig from(XwConfig conf) {
        ClientSettings server = ClientSettings.from(conf, ClientSettings.PasswordPrompt.none());
        String system = conf.string("batch.system", "slurm").trim().toLowerCase(Locale.ROOT);
        if (!system.equals("slurm")) {
            throw new ConfigException("batch.system '" + system + "' in " + conf.source() + " is not supported; only 'slurm' is built");
        }
        String cluster = name(conf, "bridge.cluster", conf.required("bridge.cluster"));
        String tag = name(conf, "bridge.name", conf.string("bridge.name", "xwbridge-" + server.login() + "-" + cluster));
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
        return new BridgeConfig(server, cluster, tag, conf.path("path.home", "var/bridge").toAbsolutePath(),
                Duration.ofSeconds(conf.integer("bridge.period", DEFAULT_PERIOD, 1, 86_400)),
                conf.integer("bridge.maxpilots", DEFAULT_MAX_PILOTS, 1, 100_000),
                conf.integer("bridge.perround", DEFAULT_PER_ROUND, 1, 10_000), slurm,
                Platform.normaliseOs(conf.string("pilot.os", Platform.currentOs())),
                Platform.normaliseCpu(conf.string("pilot.cpu", Platform.currentCpu())),
                Duration.ofSeconds(conf.integer("pilot.idle", DEFAULT_IDLE, 1, Integer.MAX_VALUE)),
                // The pilot stops asking for work at the drain. Slurm's warning (never late, up to a minute early)
                // makes it give its works back; its own timer, a quarter later, is there in case the signal is lost.
                Duration.ofSeconds(drain == 0 ? signal : drain), Duration.ofSeconds(Math.max(5, signal * 3L / 4)),
                Duration.ofSeconds(conf.integer("pilot.registerwithin", DEFAULT_REGISTER_WITHIN, 60, 7 * 86_400)),
                conf.bool("pilot.sandbox", true), Duration.ofSeconds(conf.integer("job.timeout", 86_400, 1, Integer.MAX_VALUE)));
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
