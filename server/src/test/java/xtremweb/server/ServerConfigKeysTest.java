package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;
import xtremweb.server.certification.ComparisonLimits;

/** Unknown keys of the server's configuration: reported, and refused where a typo would be dangerous. */
class ServerConfigKeysTest {
    /** A setting of a conf file, commented out or not: "key=value" or "#key=value" (prose comments start "# "). */
    private static final Pattern SETTING = Pattern.compile("^#?([A-Za-z][A-Za-z0-9._-]*)\\s*[=:]");

    @TempDir
    Path home;

    static Path sourceRoot() {
        String env = System.getenv("XW_SOURCE_ROOT");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("..").toAbsolutePath().normalize();
    }

    private XwConfig conf(Map<String, String> values) {
        return XwConfig.of(values, "xtremweb.server.conf", home);
    }

    @Test
    void everyKeyOfTheShippedFileSetOrCommentedIsKnown() throws Exception {
        Map<String, String> documented = new HashMap<>();
        for (String line : Files.readAllLines(sourceRoot().resolve("conf/xtremweb.server.conf"))) {
            Matcher setting = SETTING.matcher(line);
            if (setting.find()) {
                documented.put(setting.group(1), "x");
            }
        }

        assertThat(documented).containsKeys("listen.address", "port.https", "XWdbUrl", "data.quota");
        assertThat(ServerConfig.KEYS.check(conf(documented))).isEmpty();
    }

    @Test
    void everyKeyTheServerReadsIsListed() {
        XwConfig withMariaDb = conf(Map.of("XWdbHost", "127.0.0.1"));
        ServerConfig.from(withMariaDb);

        assertThat(ServerConfig.KEYS.everyKey()).containsAll(withMariaDb.askedKeys());
    }

    @Test
    void theDatabaseSocketTimeoutIsAboveTheLockWaitTimeoutByDefaultAndSetInSeconds() {
        // Above innodb_lock_wait_timeout's 50 s: a statement waiting for a row lock is never cut by it.
        assertThat(ServerConfig.from(conf(Map.of())).dbSocketTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(ServerConfig.from(conf(Map.of("XWdbSocketTimeout", "120"))).dbSocketTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(120));
        // 0 would be Connector/J's "wait for ever", the hang the key exists to end.
        assertThatThrownBy(() -> ServerConfig.from(conf(Map.of("XWdbSocketTimeout", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("XWdbSocketTimeout");
    }

    @Test
    void portZeroInTheFileAServerStartsFromIsRefusedNamingTheKeyAndTheFile() {
        // 0 is "any free port" for tests; from a file it gave a server no worker or client could find.
        assertThatThrownBy(() -> ServerConfig.fromFile(conf(Map.of("port.https", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("key 'port.https' in xtremweb.server.conf is 0")
                .hasMessageContaining("between 1 and 65535");
        assertThat(ServerConfig.fromFile(conf(Map.of("port.https", "4326"))).port()).isEqualTo(4326);
        assertThat(ServerConfig.fromFile(conf(Map.of())).port()).isEqualTo(ServerConfig.DEFAULT_PORT);
    }

    @Test
    void aMisspeltListenAddressStopsTheServerNamingTheKeyAndTheFile() {
        assertThatThrownBy(() -> ServerConfig.from(conf(Map.of("listen.adress", "127.0.0.1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'listen.adress'")
                .hasMessageContaining("xtremweb.server.conf").hasMessageContaining("did you mean 'listen.address'");
        assertThatThrownBy(() -> ServerConfig.from(conf(Map.of("XWdbhost", "db.example.org"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'XWdbHost'");
    }

    @Test
    void anUnknownHarmlessKeyLetsTheServerStartWithTheManualsUnusedKeys() {
        ServerConfig config = ServerConfig.from(conf(Map.of("alive.periodd", "5", "port.tcp", "4321", "ModulesLogged", "DBI")));

        assertThat(config.alivePeriodSeconds()).isEqualTo(ServerConfig.DEFAULT_ALIVE_PERIOD);
    }

    @Test
    void theCertificationComparisonLimitsAreReadInMibAndFilesWithTheShippedDefaults() {
        assertThat(ServerConfig.from(conf(Map.of())).comparisonLimits()).isEqualTo(ComparisonLimits.DEFAULT);
        assertThat(ServerConfig.from(conf(Map.of("certification.maxExpandedMiB", "4096", "certification.maxFiles", "500")))
                .comparisonLimits()).isEqualTo(new ComparisonLimits(4096L * 1024 * 1024, 500));
    }

    @Test
    void theAccessLogTurnsOverAtAHundredMibUnlessToldAndANonsenseSizeStopsTheStart() {
        assertThat(ServerConfig.from(conf(Map.of())).observability().accessLogMaxBytes()).isEqualTo(100L << 20);
        assertThat(ServerConfig.from(conf(Map.of("log.access.maxMiB", "5"))).observability().accessLogMaxBytes()).isEqualTo(5L << 20);
        assertThatThrownBy(() -> ServerConfig.from(conf(Map.of("log.access.maxMiB", "0")))).hasMessageContaining("log.access.maxMiB");
        assertThatThrownBy(() -> ServerConfig.from(conf(Map.of("log.access.maxMiB", "big")))).hasMessageContaining("log.access.maxMiB");
    }

    @Test
    void logLevelIsOneOfTheManualsFourLevelsAndOnlyXtremWebsLoggersFollowIt() {
        assertThat(ServerConfig.from(conf(Map.of())).observability().logLevel()).isEqualTo(xtremweb.server.logging.LogLevel.INFO);
        assertThat(ServerConfig.from(conf(Map.of("log.level", "Debug"))).observability().logLevel())
                .isEqualTo(xtremweb.server.logging.LogLevel.DEBUG);
        assertThatThrownBy(() -> ServerConfig.from(conf(Map.of("log.level", "verbose"))))
                .hasMessageContaining("log.level").hasMessageContaining("debug, info, warn or error").hasMessageContaining("verbose");

        ch.qos.logback.classic.Logger ours = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("xtremweb");
        ch.qos.logback.classic.Level before = ours.getLevel();
        try {
            xtremweb.server.logging.LogLevel.WARN.apply();
            assertThat(org.slf4j.LoggerFactory.getLogger("xtremweb.server.scheduler.Scheduler").isInfoEnabled()).isFalse();
            assertThat(org.slf4j.LoggerFactory.getLogger("xtremweb.server.scheduler.Scheduler").isWarnEnabled()).isTrue();
            xtremweb.server.logging.LogLevel.DEBUG.apply();
            assertThat(org.slf4j.LoggerFactory.getLogger("xtremweb.server.scheduler.Scheduler").isDebugEnabled()).isTrue();
            assertThat(org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty.server.Server").isDebugEnabled()).isFalse();
        } finally {
            ours.setLevel(before);
        }
    }
}
