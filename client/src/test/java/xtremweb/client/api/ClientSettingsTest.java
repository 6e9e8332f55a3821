package xtremweb.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.KnownKeys;
import xtremweb.common.config.XwConfig;

class ClientSettingsTest {
    @TempDir
    Path dir;

    private final Map<String, String> values = new HashMap<>();

    @BeforeEach
    void validConfiguration() throws IOException {
        Files.writeString(dir.resolve("server.pem"), "not checked here");
        values.put("dispatcher.servers", "grid.example.org, backup.example.org");
        values.put("port.https", "4443");
        values.put("path.certfile", "server.pem");
        values.put("login", "bob");
    }

    private ClientSettings settings() {
        return ClientSettings.from(XwConfig.of(values, "test.conf", dir), ClientSettings.PasswordPrompt.none());
    }

    @Test
    void readsEveryServerThePortAndTheRelativeCertificatePath() {
        values.put("password", "secret");

        ClientSettings settings = settings();

        assertThat(settings.host()).as("the list, each tried in turn when one fails").isEqualTo("grid.example.org backup.example.org");
        assertThat(xtremweb.common.http.XwHttpClient.serverUris(settings.host(), settings.port())).extracting(Object::toString)
                .containsExactly("https://grid.example.org:4443", "https://backup.example.org:4443");
        assertThat(settings.port()).isEqualTo(4443);
        assertThat(settings.certFile()).isEqualTo(dir.resolve("server.pem"));
        assertThat(settings.password()).isEqualTo("secret");
    }

    @Test
    void passwordFileGivesItsFirstLineOnly() throws IOException {
        Files.writeString(dir.resolve("pw"), "s3cret with spaces \nsecond line\n");
        values.put("password.file", "pw");

        assertThat(settings().password()).isEqualTo("s3cret with spaces ");
    }

    @Test
    void emptyPasswordFileIsRefusedNamingTheFileAndTheKey() throws IOException {
        Files.writeString(dir.resolve("pw"), "");
        values.put("password.file", "pw");

        assertThatThrownBy(this::settings).isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("pw").toString()).hasMessageContaining("password.file");
    }

    @Test
    void missingPasswordWithoutTerminalNamesBothKeysAndTheFile() {
        assertThatThrownBy(this::settings).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'password'").hasMessageContaining("'password.file'")
                .hasMessageContaining("test.conf").hasMessageContaining("bob");
    }

    @Test
    void promptedPasswordIsUsedWhenNoneIsConfigured() {
        ClientSettings settings = ClientSettings.from(XwConfig.of(values, "test.conf", dir),
                (login, host) -> Optional.of("typed-" + login + "@" + host));

        assertThat(settings.password()).isEqualTo("typed-bob@grid.example.org");
    }

    @Test
    void missingCertificateKeyIsNamedWithTheFile() {
        values.remove("path.certfile");
        values.put("password", "secret");

        assertThatThrownBy(this::settings).isInstanceOf(ConfigException.class)
                .hasMessageContaining("path.certfile").hasMessageContaining("test.conf");
    }

    @Test
    void unreadableCertificateFileIsNamed() {
        values.put("path.certfile", "missing.pem");
        values.put("password", "secret");

        assertThatThrownBy(this::settings).isInstanceOf(ConfigException.class)
                .hasMessageContaining("path.certfile").hasMessageContaining("missing.pem");
    }

    @Test
    void missingLoginIsNamed() {
        values.remove("login");

        assertThatThrownBy(this::settings).hasMessageContaining("'login'").hasMessageContaining("test.conf");
    }

    @Test
    void explicitConfigurationFileThatDoesNotExistIsNamed() {
        Path missing = dir.resolve("nope.conf");

        assertThatThrownBy(() -> ClientSettings.load(Optional.of(missing), dir, ClientSettings.PasswordPrompt.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("--xwconfig");
    }

    @Test
    void configurationIsFoundInTheInstallationConfDirectory() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/xtremweb.client.conf"),
                "dispatcher.servers: h\nport.https: 1234\npath.certfile: server.pem\nlogin: bob\npassword: pw\n");

        ClientSettings settings = withHome(Files.createDirectories(dir.resolve("home-without-xwrc")),
                () -> ClientSettings.load(Optional.empty(), dir, ClientSettings.PasswordPrompt.none()));

        assertThat(settings.port()).isEqualTo(1234);
        assertThat(settings.source()).endsWith("xtremweb.client.conf");
    }

    @Test
    void theUsersOwnXwrcWinsOverTheInstallationsFileAsTheManualSays() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/xtremweb.client.conf"),
                "dispatcher.servers: localhost\npath.certfile: server.pem\nlogin: admin\n");
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".xtremweb"));
        Files.writeString(home.resolve(".xtremweb/xwrc"),
                "dispatcher.servers: h\npath.certfile: " + dir.resolve("server.pem") + "\nlogin: alice\npassword: pw\n");

        ClientSettings settings = withHome(home, () -> ClientSettings.load(Optional.empty(), dir, ClientSettings.PasswordPrompt.none()));

        assertThat(settings.login()).isEqualTo("alice");
        assertThat(settings.source()).isEqualTo(home.resolve(".xtremweb/xwrc").toString());
        // --xwconfig still wins over both
        Path explicit = Files.writeString(dir.resolve("other.conf"), "dispatcher.servers: h\npath.certfile: server.pem\nlogin: carol\npassword: pw\n");
        assertThat(withHome(home, () -> ClientSettings.load(Optional.of(explicit), dir, ClientSettings.PasswordPrompt.none())).login())
                .isEqualTo("carol");
    }

    @Test
    void withoutAPasswordTheInstallationsFileNamesTheConfigurationBinXwdemoWroteWithoutReadingIt() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/xtremweb.client.conf"), "dispatcher.servers: localhost\npath.certfile: server.pem\nlogin: admin\n");
        Path home = Files.createDirectories(dir.resolve("home-without-xwrc"));
        assertThatThrownBy(() -> withHome(home, () -> ClientSettings.load(Optional.empty(), dir, ClientSettings.PasswordPrompt.none())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no password for 'admin'").hasMessageNotContaining("xwdemo");

        Files.createDirectories(dir.resolve("var/client"));
        Path demo = Files.writeString(dir.resolve("var/client/xwrc"), "dispatcher.servers: localhost\npath.certfile: "
                + dir.resolve("server.pem") + "\nlogin: admin\npassword: demo-password\n");

        assertThatThrownBy(() -> withHome(home, () -> ClientSettings.load(Optional.empty(), dir, ClientSettings.PasswordPrompt.none())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no password for 'admin'")
                .hasMessageEndingWith("; for the grid of bin/xwdemo, use --xwconfig " + demo + ", which it wrote");
        // a file given with --xwconfig is what the user chose: no pointer elsewhere
        Path chosen = Files.writeString(dir.resolve("mine.conf"), "dispatcher.servers: h\npath.certfile: server.pem\nlogin: carol\n");
        assertThatThrownBy(() -> withHome(home, () -> ClientSettings.load(Optional.of(chosen), dir, ClientSettings.PasswordPrompt.none())))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("xwdemo");
    }

    private static ClientSettings withHome(Path home, java.util.function.Supplier<ClientSettings> load) {
        String before = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            return load.get();
        } finally {
            System.setProperty("user.home", before);
        }
    }

    @Test
    void passwordNeverAppearsInTheDescription() {
        values.put("password", "topsecret");

        assertThat(settings().toString()).doesNotContain("topsecret");
    }

    @Test
    void aConfiguredCertificateNeedsNeitherLoginNorPassword() {
        values.remove("login");
        values.put("x509.cert", "usercert.pem");
        values.put("x509.key", "userkey.pem");
        ClientSettings settings = ClientSettings.from(XwConfig.of(values, "test.conf", dir), (login, host) -> {
            throw new AssertionError("a password was asked");
        });
        assertThat(settings.certificate()).contains(new CertificateFiles(dir.resolve("usercert.pem"), Optional.of(dir.resolve("userkey.pem"))));
    }

    @Test
    void aCertificateGivenOnTheCommandLineWinsOverTheConfiguredPassword() {
        values.put("password", "secret");
        CertificateFiles proxy = new CertificateFiles(Path.of("/tmp/x509up_u1000"), Optional.empty());
        ClientSettings settings = ClientSettings.from(XwConfig.of(values, "test.conf", dir), ClientSettings.PasswordPrompt.none(),
                Optional.of(proxy));
        assertThat(settings.certificate()).contains(proxy);
        assertThat(settings.toString()).doesNotContain("secret");
    }

    @Test
    void aKeyWithoutItsCertificateIsRefusedNamingTheKeys() {
        values.put("password", "secret");
        values.put("x509.key", "userkey.pem");
        assertThatThrownBy(this::settings).isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'x509.key' in test.conf needs 'x509.cert'");
    }

    @Test
    void aMisspeltKeyIsReportedButNeverStopsTheClientAndTheWorkersKeysAreAccepted() {
        values.put("password", "secret");
        values.put("pasword.file", "pw");
        values.put("activator.class", "CpuActivator");

        assertThat(settings().login()).isEqualTo("bob");
        assertThat(KnownKeys.CLIENT.check(XwConfig.of(values, "test.conf", dir))).singleElement().asString()
                .contains("'pasword.file'").contains("test.conf").contains("closest known key is 'password.file'");
    }

    @Test
    void everyKeyOfTheShippedFileSetOrCommentedIsKnown() throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("XW_SOURCE_ROOT", "..")).toAbsolutePath().normalize();
        Map<String, String> documented = new HashMap<>();
        Pattern setting = Pattern.compile("^#?([A-Za-z][A-Za-z0-9._-]*)\\s*[=:]");
        for (String line : Files.readAllLines(root.resolve("conf/xtremweb.client.conf"))) {
            Matcher m = setting.matcher(line);
            if (m.find()) {
                documented.put(m.group(1), "x");
            }
        }
        assertThat(documented).containsKeys("dispatcher.servers", "password.file");
        assertThat(KnownKeys.CLIENT.check(XwConfig.of(documented, "xtremweb.client.conf", dir))).isEmpty();
    }
}
