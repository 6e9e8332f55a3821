package xtremweb.common.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {
    static TestCa ca;
    static TestCa.Issued jane;
    @TempDir
    Path dir;

    @BeforeAll
    static void makeCa() {
        ca = TestCa.root("/DC=org/DC=test/CN=Test CA");
        jane = ca.rsaUser("/DC=org/DC=test/OU=People/CN=Jane Doe");
    }

    @Test
    void certificateAndKeyInTwoPemFilesMakeTheUsersCredential() throws Exception {
        jane.writePem(dir.resolve("usercert.pem"), dir.resolve("userkey.pem"));
        Credential credential = CredentialFiles.read(dir.resolve("usercert.pem"), Optional.of(dir.resolve("userkey.pem")),
                CredentialFiles.Passphrase.none());
        assertThat(credential.identity()).isEqualTo("/DC=org/DC=test/OU=People/CN=Jane Doe");
        assertThat(credential.isProxy()).isFalse();
        assertThat(credential.toString()).contains("Jane Doe").doesNotContain("PRIVATE").contains("key=***");
    }

    @Test
    void anEncryptedKeyAsksItsPassphraseOnce() throws Exception {
        jane.writePem(dir.resolve("usercert.pem"), dir.resolve("plain.pem"));
        jane.writeEncryptedKey(dir.resolve("userkey.pem"), "open sesame".toCharArray());
        AtomicInteger asked = new AtomicInteger();
        Credential credential = CredentialFiles.read(dir.resolve("usercert.pem"), Optional.of(dir.resolve("userkey.pem")), file -> {
            asked.incrementAndGet();
            assertThat(file).isEqualTo(dir.resolve("userkey.pem"));
            return Optional.of("open sesame".toCharArray());
        });
        assertThat(asked).hasValue(1);
        assertThat(credential.identity()).endsWith("CN=Jane Doe");
    }

    @Test
    void aWrongPassphraseOrNoTerminalIsSaidInOneSentence() throws Exception {
        jane.writePem(dir.resolve("usercert.pem"), dir.resolve("plain.pem"));
        jane.writeEncryptedKey(dir.resolve("userkey.pem"), "open sesame".toCharArray());
        assertThatThrownBy(() -> CredentialFiles.read(dir.resolve("usercert.pem"), Optional.of(dir.resolve("userkey.pem")),
                file -> Optional.of("wrong".toCharArray()))).isInstanceOf(CredentialException.class)
                .hasMessageContaining("wrong passphrase for the key in " + dir.resolve("userkey.pem"));
        assertThatThrownBy(() -> CredentialFiles.read(dir.resolve("usercert.pem"), Optional.of(dir.resolve("userkey.pem")),
                CredentialFiles.Passphrase.none())).isInstanceOf(CredentialException.class)
                .hasMessageContaining("is encrypted and no passphrase can be asked here");
    }

    @Test
    void everyWrongPassphraseIsSaidToBeOneEvenWhenTheGarbageLooksPadded() throws Exception {
        // About one wrong passphrase in 256 decrypts to bytes whose padding looks right: the
        // failure then comes from parsing them, and it must still read as a wrong passphrase.
        jane.writePem(dir.resolve("usercert.pem"), dir.resolve("plain.pem"));
        jane.writeEncryptedKey(dir.resolve("userkey.pem"), "open sesame".toCharArray());
        for (int i = 0; i < 1_000; i++) {
            char[] wrong = ("wrong " + i).toCharArray();
            assertThatThrownBy(() -> CredentialFiles.read(dir.resolve("usercert.pem"), Optional.of(dir.resolve("userkey.pem")),
                    file -> Optional.of(wrong))).isInstanceOf(CredentialException.class)
                    .hasMessageContaining("wrong passphrase for the key in " + dir.resolve("userkey.pem"));
        }
    }

    @Test
    void aProxyFileHoldsItsKeyAndNamesTheUserBelowIt() throws Exception {
        // The delegated proxy lives shorter than the one it comes from, as grid tools make them.
        TestCa.Issued proxy = jane.proxy().proxy(TestCa.ProxyKind.RFC3820, null, "1.3.6.1.5.5.7.21.1",
                java.time.Instant.now().plus(java.time.Duration.ofHours(1)));
        proxy.writeProxyFile(dir.resolve("x509up_u1000"));
        Credential credential = CredentialFiles.read(dir.resolve("x509up_u1000"), Optional.empty(), CredentialFiles.Passphrase.none());
        assertThat(credential.isProxy()).isTrue();
        assertThat(credential.chain()).hasSize(3);
        assertThat(credential.identity()).isEqualTo(jane.dn());
        assertThat(credential.notAfter()).isEqualTo(proxy.certificate().getNotAfter().toInstant());
    }

    @Test
    void aKeyOthersMayReadIsRefusedBeforeItsPassphraseIsAsked() throws Exception {
        jane.writePem(dir.resolve("usercert.pem"), dir.resolve("userkey.pem"));
        Files.setPosixFilePermissions(dir.resolve("userkey.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> CredentialFiles.read(dir.resolve("usercert.pem"), Optional.of(dir.resolve("userkey.pem")), file -> {
            throw new AssertionError("asked for a passphrase");
        })).isInstanceOf(CredentialException.class).hasMessageContaining("chmod 600 " + dir.resolve("userkey.pem"));
    }

    @Test
    void anotherUsersKeyDoesNotMakeACredential() throws Exception {
        jane.writePem(dir.resolve("usercert.pem"), dir.resolve("janekey.pem"));
        ca.user("/DC=org/DC=test/CN=Bob").writePem(dir.resolve("bobcert.pem"), dir.resolve("bobkey.pem"));
        assertThatThrownBy(() -> CredentialFiles.read(dir.resolve("usercert.pem"), Optional.of(dir.resolve("bobkey.pem")),
                CredentialFiles.Passphrase.none())).isInstanceOf(CredentialException.class)
                .hasMessageContaining("does not belong to the certificate /DC=org/DC=test/OU=People/CN=Jane Doe");
    }

    @Test
    void aDirectoryGivenAsTheCertificateIsSaidInWordsNotAsAJavaClassName() {
        assertThatThrownBy(() -> CredentialFiles.read(dir, Optional.empty(), CredentialFiles.Passphrase.none()))
                .isInstanceOf(CredentialException.class)
                .hasMessageStartingWith("cannot read the certificate file " + dir + ": ")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void missingFilesAndACertificateWithoutItsKeySayWhatToGive() throws Exception {
        assertThatThrownBy(() -> CredentialFiles.read(dir.resolve("nope.pem"), Optional.empty(), CredentialFiles.Passphrase.none()))
                .hasMessageContaining("the certificate file " + dir.resolve("nope.pem") + " does not exist");
        jane.writePem(dir.resolve("usercert.pem"), dir.resolve("userkey.pem"));
        assertThatThrownBy(() -> CredentialFiles.read(dir.resolve("usercert.pem"), Optional.empty(), CredentialFiles.Passphrase.none()))
                .hasMessageContaining("no private key in " + dir.resolve("usercert.pem")).hasMessageContaining("--xwkey");
    }
}
