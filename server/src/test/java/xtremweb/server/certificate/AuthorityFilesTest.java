package xtremweb.server.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.ConfigException;
import xtremweb.common.x509.TestCa;

class AuthorityFilesTest {
    @TempDir
    Path dir;

    private static TrustSettings directory(Path dir) {
        return new TrustSettings(Optional.of(dir), Optional.empty(), "", false, 0);
    }

    private static TrustSettings bundle(Path file, String password) {
        return new TrustSettings(Optional.empty(), Optional.of(file), password, false, 0);
    }

    @Test
    void aGridCertificatesDirectoryIsReadAsFetchCrlLeavesIt() throws Exception {
        TestCa ca = TestCa.root("/DC=org/DC=test/CN=Grid CA");
        Path certificates = dir.resolve("certificates");
        ca.writeTo(certificates, "GridCA");
        // The IGTF layout: CA.pem with hash links to it, policy files beside, and a half-written download.
        Files.move(certificates.resolve("GridCA.0"), certificates.resolve("GridCA.pem"));
        Files.createSymbolicLink(certificates.resolve("1a2b3c4d.0"), certificates.resolve("GridCA.pem"));
        Files.writeString(certificates.resolve("GridCA.namespaces"), "TO Issuer \"/DC=org/DC=test/CN=Grid CA\" PERMIT Subject \"/DC=org/*\"");
        Files.writeString(certificates.resolve("GridCA.crl_url"), "http://crl.example.org/grid.crl");
        Files.writeString(certificates.resolve("broken.r0"), "-----BEGIN X509 CRL-----\nnot base64\n");
        Authorities read = AuthorityFiles.read(directory(certificates));
        assertThat(read.cas()).containsExactly(ca.certificate());
        assertThat(read.crlCount()).isEqualTo(1);
        assertThat(read.anchors()).hasSize(1);
    }

    @Test
    void aPemBundleHoldsCasAndCrls() throws Exception {
        TestCa root = TestCa.root("/DC=org/DC=test/CN=Root");
        TestCa sub = root.intermediate("/DC=org/DC=test/CN=Sub");
        Path file = dir.resolve("cas.pem");
        Files.writeString(file, TestCa.pem(root.certificate()) + TestCa.pem(sub.certificate()) + TestCa.pem(sub.crl()));
        Authorities read = AuthorityFiles.read(bundle(file, ""));
        assertThat(read.cas()).containsExactly(root.certificate(), sub.certificate());
        assertThat(read.anchors()).extracting(a -> a.getTrustedCert()).containsExactly(root.certificate());
        assertThat(read.crlsOf(sub.certificate().getSubjectX500Principal())).hasSize(1);
    }

    @Test
    void aPkcs12BundleOfTrustedCertificatesIsRead() throws Exception {
        TestCa ca = TestCa.root("/DC=org/DC=test/CN=P12 CA");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        Path file = dir.resolve("cas.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        assertThat(AuthorityFiles.read(bundle(file, "changeit")).cas()).containsExactly(ca.certificate());
        assertThatThrownBy(() -> AuthorityFiles.read(bundle(file, "wrong"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("x509.ca.bundle.password");
    }

    @Test
    void aCrlNotSignedByItsCaIsIgnored() throws Exception {
        TestCa ca = TestCa.root("/DC=org/DC=test/CN=Grid CA");
        Path certificates = dir.resolve("certificates");
        Files.createDirectories(certificates);
        Files.writeString(certificates.resolve("ca.0"), TestCa.pem(ca.certificate()));
        // Whoever can write a file named like the CA's CRL must not decide who is revoked.
        Files.writeString(certificates.resolve("ca.r0"), TestCa.pem(ca.impostor().crl()));
        assertThat(AuthorityFiles.read(directory(certificates)).crlCount()).isZero();
    }

    @Test
    void aDirectoryWithoutCaStopsTheStartNamingTheKey() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> AuthorityFiles.read(directory(dir.resolve("empty")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no CA certificate found in x509.ca.dir " + dir.resolve("empty"));
    }

    @Test
    void aReloadPicksUpANewCrlAndAFailedOneKeepsThePreviousTrust() throws Exception {
        TestCa ca = TestCa.root("/DC=org/DC=test/CN=Grid CA");
        TestCa.Issued user = ca.user("/DC=org/DC=test/CN=Soon Revoked");
        Path certificates = dir.resolve("certificates");
        ca.writeTo(certificates, "ca");
        AuthorityStore store = AuthorityStore.load(directory(certificates), Clock.systemUTC());
        ChainValidator validator = new ChainValidator(store);
        assertThat(validator.validate(user.chain(), Instant.now()).identity()).endsWith("CN=Soon Revoked");

        ca.revoke(user);
        Files.writeString(certificates.resolve("ca.r0"), TestCa.pem(ca.crl()));
        store.reload();
        assertThatThrownBy(() -> validator.validate(user.chain(), Instant.now())).isInstanceOf(InvalidChain.class)
                .hasMessageContaining("was revoked");

        Files.delete(certificates.resolve("ca.0"));
        store.reload();
        assertThat(store.acceptedIssuers()).containsExactly(ca.certificate());
    }
}
