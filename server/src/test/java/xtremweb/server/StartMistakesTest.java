package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;
import xtremweb.server.tls.ServerKeystore;

/**
 * Mistakes an administrator makes in the server's configuration that the start finds: each is one
 * sentence naming the key (ServerMain prints a ConfigException alone and exits 2), not a stack trace.
 */
class StartMistakesTest {
    @TempDir
    Path home;

    @Test
    void aWrongXwPassPhraseForAnExistingKeystoreNamesTheKeyAndTheFile() throws Exception {
        Path keystore = home.resolve("xwserver.p12");
        ServerKeystore.loadOrCreate(keystore, "the-right-one", List.of());

        assertThatThrownBy(() -> ServerKeystore.loadOrCreate(keystore, "a-wrong-one", List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot open the keystore " + keystore + " (XWkeyStore): the password is wrong")
                .hasMessageContaining("XWpassPhrase")
                .hasMessageNotContaining("a-wrong-one");
    }

    @Test
    void aListenAddressThatDoesNotResolveNamesTheKey() {
        ServerConfig config = ServerConfig.from(XwConfig.of(Map.of("port.https", "0", "listen.address", "300.1.1.1",
                "path.home", "var", "XWkeyStore", "var/keystore/xwserver.p12"), "test", home));

        assertThatThrownBy(() -> XtremWebServer.start(config).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot listen on 300.1.1.1:0: '300.1.1.1' is no address or name of this machine")
                .hasMessageContaining("listen.address");
    }

    @Test
    void aPathHomeThatCannotBeCreatedNamesTheKey() throws Exception {
        Path aFile = java.nio.file.Files.writeString(home.resolve("not-a-directory"), "x");
        ServerConfig config = ServerConfig.from(XwConfig.of(Map.of("port.https", "0", "listen.address", "127.0.0.1",
                "path.home", aFile.resolve("server").toString(), "XWkeyStore", "var/keystore/xwserver.p12"), "test", home));

        assertThatThrownBy(() -> XtremWebServer.start(config).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot create the directory " + aFile.resolve("server").resolve("logs") + ": ")
                .hasMessageContaining("set path.home");
    }

    @Test
    void anXwDbUrlNoDriverTakesNamesTheKeyAndNeverThePassword() {
        xtremweb.server.db.Database.Target target = new xtremweb.server.db.Database.Target(
                "jdbc:postgresql://db:5432/xtremweb?password=s3cret", java.util.Optional.empty(), java.util.Optional.empty());

        assertThatThrownBy(() -> xtremweb.server.db.Database.open(target, 2))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot open the database jdbc:postgresql://db:5432/xtremweb: this server speaks jdbc:mysql://")
                .hasMessageContaining("XWdbUrl")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aCertificationLimitThatIsNotAPositiveWholeNumberIsRefusedNamingTheKey() {
        for (String key : List.of("certification.maxExpandedMiB", "certification.maxFiles")) {
            for (String value : List.of("0", "-5")) {
                assertThatThrownBy(() -> ServerConfig.from(XwConfig.of(Map.of(key, value), "xtremweb.server.conf", home)))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("key '" + key + "' in xtremweb.server.conf is " + value + "; it must be between 1 and ");
            }
            assertThatThrownBy(() -> ServerConfig.from(XwConfig.of(Map.of(key, "1GiB"), "xtremweb.server.conf", home)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("key '" + key + "' in xtremweb.server.conf must be a whole number, not '1GiB'");
        }
        assertThatThrownBy(() -> ServerConfig.from(XwConfig.of(Map.of("certification.maxFiles", "20000000"),
                "xtremweb.server.conf", home))).isInstanceOf(ConfigException.class)
                .hasMessage("key 'certification.maxFiles' in xtremweb.server.conf is 20000000; it must be between 1 and 10000000");
    }
}
