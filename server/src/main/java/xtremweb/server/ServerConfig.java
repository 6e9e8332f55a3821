package xtremweb.server;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.config.KnownKeys;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;
import xtremweb.server.certificate.TrustSettings;
import xtremweb.server.certification.ComparisonLimits;
import xtremweb.server.data.DataLimits;
import xtremweb.server.data.S3Settings;
import xtremweb.server.db.Database;
import xtremweb.server.http.LongPolls;
import xtremweb.server.http.Uploads;
import xtremweb.server.logging.LogFormat;
import xtremweb.server.logging.LogLevel;
import xtremweb.server.metrics.AllowedAddresses;

/** The server's configuration, read and checked once at start-up, then immutable. */
public record ServerConfig(int port, String listenAddress, List<String> serverNames, Path home, Path keyStore,
                           String passPhrase, Database.Target database, int alivePeriodSeconds, int maxRetry,
                           int tokenTtlMinutes, DataLimits dataLimits, int housekeepingSeconds, int resumeHours, int dbPoolSize,
                           Observability observability, TrustSettings trust, boolean distinctSubnets,
                           ComparisonLimits comparisonLimits, Optional<S3Settings> objectStore, int longPollsPerCaller,
                           int uploadsPerCaller, java.time.Duration dbSocketTimeout) {
    public static final int DEFAULT_PORT = 4325;
    public static final int DEFAULT_ALIVE_PERIOD = 15;
    /** Database connections: each busy call holds one for a few round trips; two servers stay under MySQL's 151. */
    public static final int DEFAULT_DB_POOL_SIZE = 50;
    public static final int DEFAULT_MAX_RETRY = 3;
    public static final int DEFAULT_TOKEN_TTL = 720;
    public static final int DEFAULT_HOUSEKEEPING_SECONDS = 300;
    /** Hours a resumable upload may pause before housekeeping removes what it received. */
    public static final int DEFAULT_RESUME_HOURS = 24;
    private static final Logger LOG = LoggerFactory.getLogger(ServerConfig.class);

    /**
     * Every key of {@code conf/xtremweb.server.conf}. A misspelt guarded key stops the server: its
     * default would expose it (listen.address), put its state elsewhere (path.home, the database
     * keys, the keystore), lift a limit (token.ttl, data.maxSize, data.quota) or show the status
     * page to anybody (status.public), or accept certificates whose CRL is missing (x509.crl.required);
     * data.store and the s3 keys that say where data lives (s3.endpoint, s3.bucket, s3.prefix) too.
     */
    public static final KnownKeys KEYS = new KnownKeys("server",
            List.of("port.https", "listen.address", "server.names", "path.home", "XWkeyStore", "XWpassPhrase", "XWdbUrl",
                    "XWdbHost", "XWdbPort", "XWdbName", "XWdbUser", "XWdbPass", "XWdbSocketTimeout", "db.pool.size", "alive.period",
                    "work.maxRetry", "token.ttl", "data.maxSize", "data.quota", "data.housekeeping", "data.resumeHours",
                    "data.store", "s3.endpoint", "s3.region", "s3.bucket", "s3.prefix", "s3.accessKey", "s3.secretKey",
                    "s3.secretKeyFile", "s3.partSize", "metrics.enabled",
                    "metrics.allow", "ready.minFreeDisk", "status.sample", "status.public", "log.format", "log.level", "log.access.maxMiB", "x509.ca.dir",
                    "x509.ca.bundle", "x509.ca.bundle.password", "x509.crl.required", "x509.reload",
                    "certification.distinctSubnets", "certification.maxExpandedMiB", "certification.maxFiles",
                    "longpoll.perCaller", "upload.perCaller"),
            List.of("listen.address", "path.home", "XWkeyStore", "XWpassPhrase", "XWdbUrl", "XWdbHost", "XWdbPort",
                    "XWdbName", "XWdbUser", "XWdbPass", "XWdbSocketTimeout", "token.ttl", "data.maxSize", "data.quota", "status.public",
                    "x509.crl.required", "data.store", "s3.endpoint", "s3.bucket", "s3.prefix"),
            List.of("ModulesLogged", "XWServer", "port.tcp", "port.udp", "port.worker.http", "port.http", "port.xlmrpc",
                    "port.sunrpc", "java.nio"));

    public static final int DEFAULT_READY_MIN_FREE_MIB = 1024;
    public static final int DEFAULT_STATUS_SAMPLE_SECONDS = 10;
    /** The access log turns over at 100 MiB, about 700,000 requests; with the 5 kept, 600 MiB at most. */
    public static final int DEFAULT_ACCESS_LOG_MAX_MIB = 100;

    public ServerConfig {
        serverNames = List.copyOf(serverNames);
    }

    /**
     * How the server shows itself: {@code metrics.enabled}, {@code metrics.allow} (addresses that
     * read /metrics without a token), {@code ready.minFreeDisk} (MiB, in bytes here),
     * {@code status.sample} (seconds between two counts of the grid), {@code status.public}
     * (anonymous visitors see the status page), {@code log.format}, {@code log.level} and
     * {@code log.access.maxMiB} (the access log's size before it turns over; MiB, in bytes here).
     */
    public record Observability(boolean metricsEnabled, AllowedAddresses metricsAllow, long readyMinFreeBytes,
                                int statusSampleSeconds, boolean statusPublic, LogFormat logFormat, LogLevel logLevel,
                                long accessLogMaxBytes) {
        static Observability from(XwConfig config) {
            AllowedAddresses allow;
            try {
                allow = AllowedAddresses.parse(config.string("metrics.allow", ""));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("key 'metrics.allow' in " + config.source() + ": " + e.getMessage());
            }
            String format = config.string("log.format", "text");
            LogFormat logFormat = LogFormat.parse(format);
            if (logFormat == null) {
                throw new ConfigException("key 'log.format' in " + config.source() + " must be text or json, not '" + format + "'");
            }
            String level = config.string("log.level", "info");
            LogLevel logLevel = LogLevel.parse(level);
            if (logLevel == null) {
                throw new ConfigException("key 'log.level' in " + config.source() + " must be debug, info, warn or error, not '"
                        + level + "'");
            }
            return new Observability(config.bool("metrics.enabled", true), allow,
                    config.integer("ready.minFreeDisk", DEFAULT_READY_MIN_FREE_MIB, 0, Integer.MAX_VALUE) * 1024L * 1024L,
                    config.integer("status.sample", DEFAULT_STATUS_SAMPLE_SECONDS, 1, 3600),
                    config.bool("status.public", true), logFormat, logLevel,
                    config.integer("log.access.maxMiB", DEFAULT_ACCESS_LOG_MAX_MIB, 1, 1024 * 1024) * 1024L * 1024L);
        }
    }

    /** Reads and checks every key; warns about unknown keys and refuses misspelt guarded ones (see {@link #KEYS}). */
    public static ServerConfig from(XwConfig config) {
        ServerConfig parsed = parse(config);
        KEYS.check(config).forEach(LOG::warn);
        return parsed;
    }

    /**
     * {@link #from} for a server that workers and clients are to find: the one a configuration file
     * starts ({@code bin/xtremweb.server}). Port 0, which tests use for "any free port", would give it
     * a port nobody is told, so it is refused, naming the key.
     */
    public static ServerConfig fromFile(XwConfig config) {
        if (config.integer("port.https", DEFAULT_PORT, 0, 65535) == 0) {
            throw new ConfigException("key 'port.https' in " + config.source() + " is 0; workers and clients connect to the"
                    + " port written there, so it must be between 1 and 65535 (" + DEFAULT_PORT + " is the manual's)");
        }
        return from(config);
    }

    private static ServerConfig parse(XwConfig config) {
        Path home = config.path("path.home", "var/server");
        List<String> names = config.optional("server.names")
                .map(v -> Arrays.stream(v.split("\\s+")).filter(s -> !s.isBlank()).toList()).orElse(List.of());
        Database.Target db;
        Optional<String> url = config.optional("XWdbUrl");
        Optional<String> user = config.optional("XWdbUser");
        Optional<String> pass = config.optional("XWdbPass");
        if (url.isPresent()) {
            db = new Database.Target(url.get(), user, pass);
        } else if (config.optional("XWdbHost").isPresent()) {
            int dbPort = config.integer("XWdbPort", 3306, 1, 65535);
            String name = config.string("XWdbName", "xtremweb");
            if (!name.matches("[A-Za-z0-9_]+")) {
                throw new xtremweb.common.config.ConfigException("key 'XWdbName' in " + config.source()
                        + " must be letters, digits or '_', not '" + name + "'");
            }
            db = new Database.Target("jdbc:mysql://" + config.required("XWdbHost") + ":" + dbPort + "/" + name, user, pass);
        } else {
            db = Database.Target.h2(home);
        }
        return new ServerConfig(
                config.integer("port.https", DEFAULT_PORT, 0, 65535),
                config.string("listen.address", "0.0.0.0"),
                names,
                home,
                config.path("XWkeyStore", "var/server/keystore/xwserver.p12"),
                config.string("XWpassPhrase", ""),
                db,
                config.integer("alive.period", DEFAULT_ALIVE_PERIOD, 1, 3600),
                config.integer("work.maxRetry", DEFAULT_MAX_RETRY, 0, 1000),
                config.integer("token.ttl", DEFAULT_TOKEN_TTL, 1, 525_600),
                new DataLimits(megabytes(config, "data.maxSize"), megabytes(config, "data.quota")),
                config.integer("data.housekeeping", DEFAULT_HOUSEKEEPING_SECONDS, 1, 86_400),
                config.integer("data.resumeHours", DEFAULT_RESUME_HOURS, 1, 8_760),
                config.integer("db.pool.size", DEFAULT_DB_POOL_SIZE, 2, 1000),
                Observability.from(config),
                trust(config),
                config.bool("certification.distinctSubnets", false),
                comparisonLimits(config),
                S3Settings.from(config),
                config.integer("longpoll.perCaller", LongPolls.DEFAULT_PER_CALLER, 1, 100_000),
                config.integer("upload.perCaller", Uploads.DEFAULT_PER_CALLER, 1, 100_000),
                java.time.Duration.ofSeconds(config.integer("XWdbSocketTimeout",
                        (int) Database.DEFAULT_SOCKET_TIMEOUT.toSeconds(), 1, 86_400)));
    }

    /** The {@code x509.*} keys: what certificate logins trust (off when no CA location is set). */
    static TrustSettings trust(XwConfig config) {
        Optional<Path> dir = config.optionalPath("x509.ca.dir");
        Optional<Path> bundle = config.optionalPath("x509.ca.bundle");
        dir.filter(d -> !java.nio.file.Files.isDirectory(d)).ifPresent(d -> {
            throw new ConfigException("key 'x509.ca.dir' in " + config.source() + " names " + d
                    + ", which is not a directory; point it at the CA certificates (like /etc/grid-security/certificates)");
        });
        bundle.filter(f -> !java.nio.file.Files.isReadable(f)).ifPresent(f -> {
            throw new ConfigException("key 'x509.ca.bundle' in " + config.source() + " names " + f
                    + ", which does not exist or is not readable");
        });
        return new TrustSettings(dir, bundle, config.string("x509.ca.bundle.password", ""), config.bool("x509.crl.required", false),
                config.integer("x509.reload", TrustSettings.DEFAULT_RELOAD_SECONDS, 0, 86_400));
    }

    /**
     * {@code certification.maxExpandedMiB} and {@code certification.maxFiles}: how much of each result
     * zip the built-in comparators expand. Zero would let no zip be compared, so both start at 1.
     */
    static ComparisonLimits comparisonLimits(XwConfig config) {
        long bytes = config.integer("certification.maxExpandedMiB", ComparisonLimits.DEFAULT_MAX_EXPANDED_MIB, 1,
                Integer.MAX_VALUE) * 1024L * 1024L;
        return new ComparisonLimits(bytes, config.integer("certification.maxFiles", ComparisonLimits.DEFAULT_MAX_FILES, 1,
                ComparisonLimits.MOST_FILES));
    }

    /** A size in MiB (0 = unlimited), given in bytes. */
    private static long megabytes(XwConfig config, String key) {
        return config.integer(key, 0, 0, Integer.MAX_VALUE) * 1024L * 1024L;
    }

    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", home=" + home + ", keyStore=" + keyStore + ", database=" + database + ", " + trust
                + objectStore.map(s -> ", " + s).orElse("") + "]";
    }
}
