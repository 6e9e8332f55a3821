package xtremweb.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnownKeysTest {
    private static final KnownKeys KEYS = new KnownKeys("server", List.of("port.https", "listen.address", "alive.period",
            "token.ttl"), List.of("listen.address", "token.ttl"), List.of("port.tcp"));

    private static XwConfig conf(Map<String, String> values) {
        return XwConfig.of(values, "/etc/xw/server.conf", Path.of("."));
    }

    @Test
    void anUnknownKeyIsAWarningNamingTheKeyTheFileAndTheClosestKnownKey() {
        List<String> warnings = KEYS.check(conf(Map.of("port.https", "4325", "alive.perod", "5")));

        assertThat(warnings).singleElement().asString().contains("'alive.perod'").contains("/etc/xw/server.conf")
                .contains("not a key of the server").contains("closest known key is 'alive.period'");
    }

    @ParameterizedTest(name = "{0} stops the start, naming {1}")
    @CsvSource({"listen.adress, listen.address", "listen_address, listen.address", "LISTEN.ADDRESS, listen.address",
            "token.tll, token.ttl", "tokenttl, token.ttl"})
    void aNearMissOfAGuardedKeyRefusesTheStart(String typo, String meant) {
        assertThatThrownBy(() -> KEYS.check(conf(Map.of(typo, "x")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'" + typo + "'").hasMessageContaining("/etc/xw/server.conf")
                .hasMessageContaining("did you mean '" + meant + "'").hasMessageContaining("does not start");
    }

    @Test
    void aKeyFarFromEveryGuardedKeyIsOnlyAWarning() {
        assertThat(KEYS.check(conf(Map.of("metrics.enable", "true")))).singleElement().asString()
                .contains("'metrics.enable'").contains("is ignored");
    }

    @Test
    void aKeyLikeNoKnownKeyIsIgnoredWithoutASuggestionThatWouldMislead() {
        assertThat(KEYS.check(conf(Map.of("garbage", "x")))).singleElement().asString()
                .contains("'garbage'").contains("is ignored").doesNotContain("closest");
        assertThat(KEYS.check(conf(Map.of("alive.periodd", "x")))).singleElement().asString()
                .contains("the closest known key is 'alive.period'");
    }

    @Test
    void aLoneWordThatMayBeAPasswordIsReportedWithoutItsText() {
        // "password:" with the password pasted on the next line: the word was printed as an unknown key.
        String secret = "CqQKkZy0Pc0_yE_efNDLtRniqVs-L6t2";

        List<String> warnings = KEYS.check(conf(Map.of("port.https", "4325", secret, "")));

        assertThat(warnings).singleElement().asString().doesNotContain(secret).contains("/etc/xw/server.conf")
                .contains("is not 'key: value' and is ignored");
    }

    @Test
    void theManualsKeysThatAreNotUsedAndKeysTheProcessReadAreKnown() {
        XwConfig config = conf(Map.of("port.tcp", "4321", "brand.new.key", "1", "port.https", "1"));
        config.optional("brand.new.key");

        assertThat(KEYS.check(config)).isEmpty();
    }

    @Test
    void theClientAcceptsEveryKeyOfTheWorkersFileButOnlyWarnsAboutTypos() {
        XwConfig client = conf(Map.of("dispatcher.servers", "h", "activator.class", "CpuActivator", "workpool.size", "2",
                "activator.clas", "DateActivator"));

        assertThat(KnownKeys.CLIENT.check(client)).singleElement().asString().contains("'activator.clas'");
        assertThatThrownBy(() -> KnownKeys.WORKER.check(client)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'activator.class'");
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({"abc, abc, 0", "abc, acb, 1", "abc, ab, 1", "abc, abcd, 1", "kitten, sitting, 3", "'', abc, 3"})
    void editDistanceCountsASwapOfNeighboursAsOneEdit(String a, String b, int distance) {
        assertThat(KnownKeys.distance(a, b)).isEqualTo(distance);
    }
}
