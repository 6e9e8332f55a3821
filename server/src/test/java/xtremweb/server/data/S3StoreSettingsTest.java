package xtremweb.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;
import xtremweb.server.ServerConfig;
import xtremweb.server.XtremWebServer;

/** The s3 keys, and the start of a server whose object store cannot work: one message, naming the key to fix. */
class S3StoreSettingsTest {
    @TempDir
    static Path temp;
    private static S3TestServer s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3TestServer.start(temp.resolve("s3"));
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    private static ServerConfig config(Map<String, String> keys) {
        Map<String, String> all = new HashMap<>(Map.of("port.https", "0", "listen.address", "127.0.0.1",
                "path.home", temp.resolve("home").toString(), "XWkeyStore", temp.resolve("home/keystore/xw.p12").toString()));
        all.putAll(keys);
        return ServerConfig.from(XwConfig.of(all, "xtremweb.server.conf", temp));
    }

    private static Map<String, String> s3Keys(String key, String value) {
        Map<String, String> keys = new HashMap<>(s3.config(""));
        if (value == null) {
            keys.remove(key);
        } else {
            keys.put(key, value);
        }
        return keys;
    }

    @Test
    void theKeysAreReadWithTheSecretFromAFileAndNeverPrinted() throws Exception {
        assertThat(config(Map.of()).objectStore()).isEmpty();
        Path secret = Files.writeString(temp.resolve("s3.secret"), "file-secret\n");
        Map<String, String> keys = s3Keys("s3.secretKey", null);
        keys.put("s3.secretKeyFile", secret.toString());
        keys.put("s3.partSize", "16");
        keys.put("s3.prefix", "grid-a/");

        S3Settings settings = config(keys).objectStore().orElseThrow();

        assertThat(settings.secretKey()).hasValue("file-secret");
        assertThat(settings.partSize()).isEqualTo(16 * 1024 * 1024);
        assertThat(settings.endpoint()).hasValue(s3.endpoint());
        assertThat(settings.where()).isEqualTo("s3://" + S3TestServer.BUCKET + "/grid-a/ at " + s3.endpoint());
        assertThat(config(keys).toString()).doesNotContain("file-secret");
    }

    @Test
    void aKeyMissingOrWrongIsNamed() {
        assertThatThrownBy(() -> config(Map.of("data.store", "nfs"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'data.store'").hasMessageContaining("local or s3");
        assertThatThrownBy(() -> config(s3Keys("s3.bucket", null))).hasMessageContaining("'s3.bucket'");
        assertThatThrownBy(() -> config(s3Keys("s3.secretKey", null))).hasMessageContaining("'s3.secretKey' is missing");
        assertThatThrownBy(() -> config(s3Keys("s3.partSize", "4"))).hasMessageContaining("'s3.partSize'")
                .hasMessageContaining("between 5 and 512");
        assertThatThrownBy(() -> config(s3Keys("s3.endpoint", "127.0.0.1:9000"))).hasMessageContaining("'s3.endpoint'")
                .hasMessageContaining("http://");
        assertThatThrownBy(() -> config(s3Keys("s3.prefix", "no-slash"))).hasMessageContaining("'s3.prefix'");
        // A misspelt key would put the data elsewhere: it stops the server.
        Map<String, String> misspelt = s3Keys("s3.prefix", null);
        misspelt.put("s3.prefx", "grid-a/");
        assertThatThrownBy(() -> config(misspelt)).hasMessageContaining("did you mean 's3.prefix'");
    }

    @Test
    void aServerWhoseStoreRefusesItsCredentialsDoesNotStartAndSaysWhichKeysToFix() {
        assertThatThrownBy(() -> XtremWebServer.start(config(s3Keys("s3.secretKey", "wrong-secret"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HTTP 403")
                .hasMessageContaining("fix s3.accessKey and s3.secretKey");
    }

    @Test
    void aMissingBucketOrAnUnreachableStoreIsSaidAtStart() throws Exception {
        S3Settings settings = s3.settings("", 5);
        S3Settings noBucket = new S3Settings(settings.endpoint(), settings.region(), "no-such-bucket", "", settings.accessKey(),
                settings.secretKey(), settings.partSize());
        assertThatThrownBy(() -> S3DataStore.open(noBucket)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no bucket 'no-such-bucket'").hasMessageContaining("fix s3.bucket");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Settings unreachable = new S3Settings(Optional.of(URI.create("http://127.0.0.1:" + closedPort)), settings.region(),
                settings.bucket(), "", settings.accessKey(), settings.secretKey(), settings.partSize());
        assertThatThrownBy(() -> S3DataStore.open(unreachable)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot reach the object store").hasMessageContaining("fix s3.endpoint");

        try (S3DataStore store = S3DataStore.open(settings)) {
            assertThat(store.unwritable()).contains(settings.where());
        }
        assertThat(s3.keys("probe/")).isEmpty();
    }
}
