package xtremweb.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;

class BridgeConfigTest {
    @TempDir
    Path dir;
    private final Map<String, String> keys = new HashMap<>();

    @BeforeEach
    void minimal() throws Exception {
        Files.writeString(dir.resolve("xwserver.pem"), "pem");
        Files.writeString(dir.resolve("password"), "secret\n");
        keys.putAll(Map.of("dispatcher.servers", "grid.example.org", "path.certfile", dir.resolve("xwserver.pem").toString(),
                "login", "gworker", "password.file", dir.resolve("password").toString(), "bridge.cluster", "hpc1"));
    }

    private BridgeConfig read() {
        return BridgeConfig.from(XwConfig.of(keys, "bridge.conf", dir));
    }

    @Test
    void theShippedConfigurationIsValidOnceItHasAPassword() throws Exception {
        Path shipped = Path.of("..", "conf", "xtremweb.bridge.conf").toAbsolutePath().normalize();
        Map<String, String> text = new HashMap<>();
        Files.writeString(dir.resolve("var-bridge-password"), "x\n");
        for (String line : Files.readAllLines(shipped)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] kv = line.split("[:=]", 2);
                text.put(kv[0].trim(), kv[1].trim());
            }
        }
        text.put("password.file", dir.resolve("var-bridge-password").toString());
        text.put("path.certfile", dir.resolve("xwserver.pem").toString());
        BridgeConfig config = BridgeConfig.from(XwConfig.of(text, shipped.toString(), dir));
        assertThat(config.slurm().timeMinutes()).isEqualTo(BridgeConfig.DEFAULT_TIME_MINUTES);
        assertThat(config.maxPilots()).isEqualTo(BridgeConfig.DEFAULT_MAX_PILOTS);
        assertThat(config.tag()).isEqualTo("xwbridge-worker-cluster");
    }

    @Test
    void defaultsNameTheBridgeAfterItsLoginAndClusterAndTheLifetimeIsTheTimeLimit() {
        BridgeConfig config = read();
        assertThat(config.tag()).isEqualTo("xwbridge-gworker-hpc1");
        assertThat(config.lifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(config.slurm().extraOptions()).isEmpty();
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void aBadKeyIsRefusedNamingItAndTheFile() {
        keys.put("slurm.time", "1");
        assertThatThrownBy(this::read).isInstanceOf(ConfigException.class).hasMessageContaining("slurm.time").hasMessageContaining("bridge.conf");
        keys.put("slurm.time", "5");
        keys.put("slurm.signal", "400");
        assertThatThrownBy(this::read).isInstanceOf(ConfigException.class).hasMessageContaining("slurm.signal");
        keys.put("slurm.signal", "60");
        keys.put("pilot.drain", "200");
        keys.put("slurm.partition", "bad partition;rm");
        assertThatThrownBy(this::read).isInstanceOf(ConfigException.class).hasMessageContaining("slurm.partition");
        keys.remove("slurm.partition");
        keys.put("batch.system", "pbs");
        assertThatThrownBy(this::read).isInstanceOf(ConfigException.class).hasMessageContaining("only 'slurm'");
        keys.remove("batch.system");
        keys.remove("bridge.cluster");
        assertThatThrownBy(this::read).isInstanceOf(ConfigException.class).hasMessageContaining("bridge.cluster");
    }
}
