package xtremweb.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XwConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsBothTheServersEqualsAndTheWorkersColonSyntax() throws Exception {
        Path file = dir.resolve("x.conf");
        Files.writeString(file, "# comment\nport.https=4325\ndispatcher.servers: grid.example.org\npath.home: var/w\n");
        XwConfig config = XwConfig.read(file, dir);
        assertThat(config.integer("port.https", 1, 1, 65535)).isEqualTo(4325);
        assertThat(config.required("dispatcher.servers")).isEqualTo("grid.example.org");
        assertThat(config.path("path.home", "x")).isEqualTo(dir.resolve("var/w"));
    }

    @Test
    void badValuesNameTheKeyAndTheFile() throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "port.https=99999\nworkpool.size=many\n");
        XwConfig config = XwConfig.read(file, dir);
        assertThatThrownBy(() -> config.integer("port.https", 1, 1, 65535))
                .hasMessageContaining("port.https").hasMessageContaining(file.toString()).hasMessageContaining("65535");
        assertThatThrownBy(() -> config.integer("workpool.size", 1, 1, 64))
                .hasMessageContaining("workpool.size").hasMessageContaining("many");
        assertThatThrownBy(() -> config.required("login")).hasMessageContaining("login");
    }

    @Test
    void aMissingKeyNamesTheLineThatIsItMisspelt() throws Exception {
        Path file = dir.resolve("xwrc");
        Files.writeString(file, "dispatcher.server: grid.example.org\nlogn: alice\npath.certfile: xwserver.pem\n");
        XwConfig config = XwConfig.read(file, dir);

        assertThatThrownBy(() -> config.required("login")).hasMessage("missing key 'login' in " + file
                + " (it has the key 'logn': correct its name to 'login')");
        assertThatThrownBy(() -> config.required("dispatcher.servers")).hasMessageContaining(
                "(it has the key 'dispatcher.server': correct its name to 'dispatcher.servers')");
        assertThat(config.missing("password.file", "; or set 'password'").getMessage())
                .isEqualTo("missing key 'password.file' in " + file + "; or set 'password'");
    }

    @Test
    void aFileThatIsNotUtf8SaysSoInsteadOfJavasInputLength() throws Exception {
        Path file = Files.write(dir.resolve("latin1.conf"),
                "login: alice\npassword: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> XwConfig.read(file, dir)).hasMessageContaining(file.toString())
                .hasMessageContaining("not UTF-8 text").hasMessageNotContaining("Input length");
    }

    @Test
    void anExplicitFileThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> XwConfig.locate(Optional.of(dir.resolve("nope.conf")), dir, "x.conf"))
                .hasMessageContaining("nope.conf").hasMessageContaining("--xwconfig");
    }

    @Test
    void theInstallationsConfFileIsFoundWithoutXwconfig() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/xtremweb.client.conf"), "login=alice\n");
        assertThat(XwConfig.locate(Optional.empty(), dir, "xtremweb.client.conf", "xwrc").required("login")).isEqualTo("alice");
    }
}
