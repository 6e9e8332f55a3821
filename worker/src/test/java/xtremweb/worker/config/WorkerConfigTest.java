package xtremweb.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.config.ConfigException;
import xtremweb.common.config.KnownKeys;
import xtremweb.common.config.XwConfig;

class WorkerConfigTest {
    @TempDir
    Path home;
    Map<String, String> values;

    @BeforeEach
    void minimalConfiguration() throws IOException {
        Files.createDirectories(home.resolve("keys"));
        Files.writeString(home.resolve("keys/server.pem"), "pem");
        values = new HashMap<>(Map.of("dispatcher.servers", "grid.example.org backup.example.org",
                "path.certfile", "keys/server.pem", "login", "worker", "password", "secret"));
    }

    private WorkerConfig parse() {
        return WorkerConfig.from(XwConfig.of(values, "test.conf", home));
    }

    @Test
    void appliesTheDocumentedDefaultsAndTakesEveryServerOfTheList() {
        WorkerConfig config = parse();

        assertThat(config.serverHost()).isEqualTo("grid.example.org backup.example.org");
        assertThat(config.serverPort()).isEqualTo(4325);
        assertThat(config.servers()).containsExactly(java.net.URI.create("https://grid.example.org:4325"),
                java.net.URI.create("https://backup.example.org:4325"));
        assertThat(config.home()).isEqualTo(home.resolve("var/worker"));
        assertThat(config.poolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.jobTimeout().toSeconds()).isEqualTo(86_400);
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void aServerOfTheListMayNameItsOwnPort() {
        values.put("dispatcher.servers", "a.example.org:4330, 127.0.0.1 [::1]:4331 ::1");
        values.put("port.https", "4400");

        assertThat(parse().servers()).extracting(Object::toString).containsExactly("https://a.example.org:4330",
                "https://127.0.0.1:4400", "https://[::1]:4331", "https://[::1]:4400");
    }

    @Test
    void refusesAServerWhosePortIsNotANumberNamingTheKey() {
        values.put("dispatcher.servers", "a.example.org:https");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessageContaining("dispatcher.servers").hasMessageContaining("a.example.org:https");
    }

    @Test
    void readsThePasswordFromTheFirstLineOfThePasswordFile() throws IOException {
        values.remove("password");
        Files.writeString(home.resolve("pw"), "from-file\nignored\n");
        values.put("password.file", "pw");

        assertThat(parse().password()).isEqualTo("from-file");
    }

    @Test
    void refusesAMissingCertificateFileNamingTheKey() {
        values.put("path.certfile", "keys/missing.pem");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessageContaining("path.certfile").hasMessageContaining("missing.pem");
    }

    @Test
    void acceptsAlwaysActiveByShortOrFullName() {
        values.put("activator.class", "AlwaysActive");
        assertThat(parse().activator().policies()).containsExactly("AlwaysActive");
        values.put("activator.class", "xtremweb.worker.AlwaysActive");
        assertThat(parse().activator().policies()).containsExactly("AlwaysActive");
    }

    @Test
    void refusesAnActivatorThatDoesNotExist() {
        values.put("activator.class", "xtremweb.worker.WinSaverActivator");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessageContaining("activator xtremweb.worker.WinSaverActivator").hasMessageContaining("is not available");
    }

    @Test
    void sandboxIsOnByDefaultWithoutNetworkOrLimits() {
        assertThat(parse().execution()).isEqualTo(WorkerConfig.Execution.defaults());
        assertThat(parse().execution().reuse()).as("sandbox.reuse").isTrue();
        values.put("sandbox.enable", "false");
        values.put("job.memory.max", "512");
        assertThat(parse().execution()).isEqualTo(new WorkerConfig.Execution(false, false, 512L << 20, 0));
        values.put("sandbox.reuse", "false");
        assertThat(parse().execution()).isEqualTo(new WorkerConfig.Execution(false, false, 512L << 20, 0, false));
    }

    @Test
    void inputsOnPrivateAddressesAreRefusedUnlessTheKeyAllowsThem() {
        assertThat(parse().privateAddresses()).isFalse();
        values.put("data.privateaddresses", "true");
        assertThat(parse().privateAddresses()).isTrue();
    }

    @Test
    void refusesAPoolSizeOutOfRange() {
        values.put("workpool.size", "0");

        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class).hasMessageContaining("workpool.size");
    }

    @Test
    void aHostCertificateReplacesTheLoginAndPassword() throws IOException {
        values.remove("login");
        values.remove("password");
        Files.writeString(home.resolve("keys/hostcert.pem"), "pem");
        Files.writeString(home.resolve("keys/hostkey.pem"), "pem");
        values.put("x509.cert", "keys/hostcert.pem");
        values.put("x509.key", "keys/hostkey.pem");

        WorkerConfig config = parse();

        assertThat(config.hostCertificate()).contains(new WorkerConfig.HostCertificate(home.resolve("keys/hostcert.pem"),
                java.util.Optional.of(home.resolve("keys/hostkey.pem"))));
        assertThat(config.toString()).contains("certificate=" + home.resolve("keys/hostcert.pem"));
    }

    @Test
    void thePasswordFileAndTheHostKeyAreSecretsTheSandboxMustHide() throws IOException {
        values.remove("password");
        Files.writeString(home.resolve("keys/worker.password"), "secret\n");
        values.put("password.file", "keys/worker.password");
        assertThat(parse().secretFiles()).containsExactly(home.resolve("keys/worker.password"));

        values.remove("login");
        values.remove("password.file");
        Files.writeString(home.resolve("keys/hostcert.pem"), "pem");
        Files.writeString(home.resolve("keys/hostkey.pem"), "pem");
        values.put("x509.cert", "keys/hostcert.pem");
        values.put("x509.key", "keys/hostkey.pem");
        assertThat(parse().secretFiles()).containsExactly(home.resolve("keys/hostcert.pem"), home.resolve("keys/hostkey.pem"));
        // a host certificate is public (0644 in /etc/grid-security): hidden from jobs, but no warning
        Files.setPosixFilePermissions(home.resolve("keys/hostcert.pem"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(parse().exposedSecrets()).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs({org.junit.jupiter.api.condition.OS.LINUX, org.junit.jupiter.api.condition.OS.MAC})
    void aPasswordFileEveryUserMayReadIsWarnedAboutButAGroupReadableOneIsNot() throws IOException {
        values.remove("password");
        Path file = Files.writeString(home.resolve("keys/worker.password"), "secret\n");
        values.put("password.file", "keys/worker.password");

        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(parse().exposedSecrets()).singleElement().asString()
                .contains("the credential file " + file + " may be read by every user").contains("chmod o-rwx " + file);

        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        assertThat(parse().exposedSecrets()).isEmpty();
    }

    @Test
    void aHostKeyWithoutItsCertificateOrAMissingCertificateFileIsRefusedNamingTheKey() {
        values.put("x509.key", "keys/hostkey.pem");
        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class).hasMessageContaining("'x509.key' in test.conf needs 'x509.cert'");
        values.remove("x509.key");
        values.put("x509.cert", "keys/nope.pem");
        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class)
                .hasMessageContaining("the host certificate file " + home.resolve("keys/nope.pem"));
    }

    @Test
    void aMisspeltActivationOrSandboxKeyStopsTheWorkerNamingTheKeyAndTheFile() {
        values.put("activator.clas", "DateActivator");
        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class).hasMessageContaining("'activator.clas'")
                .hasMessageContaining("test.conf").hasMessageContaining("did you mean 'activator.class'");
        values.remove("activator.clas");
        values.put("sandbox.enabled", "true");
        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'sandbox.enable'");
    }

    @Test
    void anUnknownHarmlessKeyAndTheManualsUnusedKeysLetTheWorkerStart() {
        values.put("workpool.sise", "2");
        values.put("port.tcp", "4321");
        values.put("tracer.enable", "false");

        assertThat(parse().poolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(KnownKeys.WORKER.check(XwConfig.of(values, "test.conf", home))).singleElement().asString()
                .contains("'workpool.sise'").contains("closest known key is 'workpool.size'");
    }

    @Test
    void everyKeyOfTheShippedFileSetOrCommentedIsKnownAndEveryKeyReadIsListed() throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("XW_SOURCE_ROOT", "..")).toAbsolutePath().normalize();
        Map<String, String> documented = new HashMap<>();
        Pattern setting = Pattern.compile("^#?([A-Za-z][A-Za-z0-9._-]*)\\s*[=:]");
        for (String line : Files.readAllLines(root.resolve("conf/xtremweb.worker.conf"))) {
            Matcher m = setting.matcher(line);
            if (m.find()) {
                documented.put(m.group(1), "x");
            }
        }
        assertThat(documented).containsKeys("host.name", "activator.date", "sandbox.network", "sandbox.reuse");
        assertThat(KnownKeys.WORKER.check(XwConfig.of(documented, "xtremweb.worker.conf", home))).isEmpty();

        values.put("activator.class", "DateActivator,CpuActivator,IdleActivator");
        values.put("activator.date", "* *");
        XwConfig everything = XwConfig.of(values, "test.conf", home);
        WorkerConfig.from(everything);
        assertThat(KnownKeys.WORKER.everyKey()).containsAll(everything.askedKeys());
    }

    @Test
    void theHostIsNamedAfterTheMachineUnlessHostNameSaysOtherwise() {
        assertThat(parse().hostName()).isEqualTo(WorkerConfig.machineName()).isNotBlank();
        values.put("host.name", "lab-12-gpu");
        assertThat(parse().hostName()).isEqualTo("lab-12-gpu");
        values.put("host.name", "x".repeat(256));
        assertThatThrownBy(this::parse).isInstanceOf(ConfigException.class).hasMessageContaining("host.name");
    }
}
