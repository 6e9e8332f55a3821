package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import xtremweb.client.api.CertificateFiles;
import xtremweb.client.api.XwClient;
import xtremweb.common.x509.CredentialException;

/** --xwcert, --xwkey and --xwproxy reach the login, before or after the command name, and their mistakes are usage errors. */
class CertificateOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Optional<CertificateFiles>> chosen = new ArrayList<>();

    /** Records the certificate each command logs in with, then fails the way a refused certificate does. */
    private final ClientMain.Connector recording = new ClientMain.Connector() {
        @Override
        public XwClient connect(Optional<Path> config) {
            return connect(config, Optional.empty());
        }

        @Override
        public XwClient connect(Optional<Path> config, Optional<CertificateFiles> certificate) {
            chosen.add(certificate);
            throw new CredentialException("the certificate file /nowhere/usercert.pem does not exist");
        }
    };

    private int run(String... args) {
        return ClientMain.commandLine(new ClientMain(recording, Optional::empty), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
    }

    @Test
    void theCertificateAndItsKeyGoToTheLoginWhereverTheyAreWritten() {
        run("xwworks", "--xwcert", "/home/me/.globus/usercert.pem", "--xwkey", "/home/me/.globus/userkey.pem");
        run("--xwcert", "/tmp/x509up_u1000", "xwusers");
        assertThat(chosen).containsExactly(
                Optional.of(new CertificateFiles(Path.of("/home/me/.globus/usercert.pem"), Optional.of(Path.of("/home/me/.globus/userkey.pem")))),
                Optional.of(new CertificateFiles(Path.of("/tmp/x509up_u1000"), Optional.empty())));
    }

    @Test
    void withoutCertificateOptionsTheConfigurationDecides() {
        run("xwworks");
        assertThat(chosen).containsExactly(Optional.empty());
    }

    @Test
    void aCertificateThatCannotBeUsedIsOneLineAndExitFour() {
        assertThat(run("xwworks", "--xwcert", "/nowhere/usercert.pem")).isEqualTo(ExitCodes.DENIED);
        assertThat(err.toString().strip()).isEqualTo("xtremweb.client: the certificate file /nowhere/usercert.pem does not exist");
    }

    @Test
    void aKeyWithoutItsCertificateOrTwoCertificatesAreUsageErrors() {
        assertThat(run("xwworks", "--xwkey", "userkey.pem")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--xwkey needs --xwcert");
        assertThat(run("xwworks", "--xwcert", "usercert.pem", "--xwproxy")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("either --xwcert FILE or --xwproxy");
        assertThat(chosen).isEmpty();
    }

    @Test
    void theManualsJobCertificateByUriOrUidIsAUsageErrorSayingWhyNotAMissingFile() {
        // The manual's xwsendwork --xwcert <URI|UID>: a certificate for the job, which workers never get here.
        assertThat(run("xwsendwork", "--xwcert", "xw://grid.example.org/6f1d1b0e-1c2b-4b9a-9a0e-1234567890ab", "apptest"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'xw://grid.example.org/6f1d1b0e-1c2b-4b9a-9a0e-1234567890ab'")
                .contains("attaching a certificate or proxy to a job").contains("not supported");
        assertThat(run("xwsendwork", "--xwcert", "6f1d1b0e-1c2b-4b9a-9a0e-1234567890ab", "apptest")).isEqualTo(ExitCodes.USAGE);
        assertThat(chosen).as("nothing logged in, nothing sent").isEmpty();
    }

    @Test
    void theHelpOfXwsendworkSaysNoCertificateGoesWithTheJob() {
        run("xwsendwork", "--help");
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("no certificate goes with a job");
    }
}
