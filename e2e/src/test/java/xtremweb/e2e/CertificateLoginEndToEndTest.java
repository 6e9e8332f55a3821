package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xtremweb.common.x509.TestCa;

/**
 * A grid whose users and worker log in with certificates, through the real scripts: the operator
 * trusts a throw-away CA (x509.ca.dir), registers DNs with xwsenduser --xwdn, a user works with
 * her certificate and her proxies, a worker logs in with its host certificate and runs her job,
 * and every certificate that must not log in ends the CLI with exit 4 and one line saying why.
 */
class CertificateLoginEndToEndTest {
    private static final String JANE = "/DC=org/DC=xwtest/OU=People/CN=Jane Doe";

    @TempDir
    Path tmp;

    private Deployment grid;
    private Path certConfig;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "mariadb"})
    void usersAndWorkersLogInWithCertificatesAndBadCertificatesExitFourInOneLine(String database) throws Exception {
        assumeTrue(database.equals("h2") || Deployment.mariaDbUrl() != null,
                "MariaDB tests run when XW_TEST_MARIADB_URL is set (CI sets it)");
        TestCa root = TestCa.root("/DC=org/DC=xwtest/CN=XW Test Root CA");
        TestCa users = root.intermediate("/DC=org/DC=xwtest/CN=XW Test Users CA");
        TestCa.Issued jane = users.rsaUser(JANE);
        TestCa.Issued host = users.user("/DC=org/DC=xwtest/OU=Hosts/CN=host/node1.xwtest.org");
        TestCa.Issued roy = users.user("/DC=org/DC=xwtest/OU=People/CN=Revoked Roy");
        users.revoke(roy);
        root.writeTo(tmp.resolve("certificates"), "root");
        users.writeTo(tmp.resolve("certificates"), "users");

        try (Deployment deployment = Deployment.create(tmp, database)) {
            grid = deployment;
            grid.startServer("x509.ca.dir=" + tmp.resolve("certificates"));
            Path admin = grid.adminConfig();
            certConfig = tmp.resolve("cert.xwrc");
            Files.writeString(certConfig, "dispatcher.servers: localhost\nport.https: " + grid.port() + "\npath.certfile: "
                    + grid.credential("server.certificate") + "\n");

            // The operator registers the DNs, in either notation; a certificate-only account has no password at all.
            Path password = Files.writeString(tmp.resolve("jane.password"), "jane-password-1\n");
            Command.Result created = grid.client(admin, "xwsenduser", List.of("jane", "-", "jane@xwtest.org", "STANDARD_USER",
                    "--xwdn", "CN=Jane Doe,OU=People,DC=xwtest,DC=org"), password);
            assertThat(created.exitCode()).as(created.describe()).isZero();
            for (List<String> user : List.of(List.of("node1", "WORKER_USER", host.dn()), List.of("roy", "STANDARD_USER", roy.dn()),
                    List.of("old", "STANDARD_USER", "/DC=org/DC=xwtest/OU=People/CN=Old Timer"),
                    List.of("eve", "STANDARD_USER", "/DC=org/DC=elsewhere/CN=Eve"))) {
                Command.Result sent = grid.client(admin, "xwsenduser", List.of(user.get(0), "-", "-", user.get(1), "--xwdn", user.get(2),
                        "--xwnopassword"));
                assertThat(sent.exitCode()).as(sent.describe()).isZero();
            }
            Command.Result listed = grid.client(admin, "xwusers", List.of("--xwformat", "csv"));
            assertThat(listed.stdout()).contains(JANE).contains("/DC=org/DC=xwtest/OU=Hosts/CN=host/node1.xwtest.org");

            // Jane with her certificate and key, with her proxy found through X509_USER_PROXY, with a proxy of it.
            jane.writePem(tmp.resolve("usercert.pem"), tmp.resolve("userkey.pem"));
            Command.Result me = cli(Map.of(), "xwusers", "--xwcert", tmp.resolve("usercert.pem").toString(), "--xwkey",
                    tmp.resolve("userkey.pem").toString(), "--xwformat", "csv");
            assertThat(me.exitCode()).as(me.describe()).isZero();
            assertThat(me.stdout()).contains("jane").contains(JANE).doesNotContain("node1");
            TestCa.Issued proxy = jane.proxy();
            proxy.writeProxyFile(tmp.resolve("x509up_test"));
            Command.Result viaProxy = cli(Map.of("X509_USER_PROXY", tmp.resolve("x509up_test").toString()), "xwusers", "--xwproxy");
            assertThat(viaProxy.exitCode()).as(viaProxy.describe()).isZero();
            assertThat(viaProxy.stdout()).contains("jane");
            proxy.proxy().writeProxyFile(tmp.resolve("x509up_delegated"));
            assertThat(cli(Map.of(), "xwusers", "--xwcert", tmp.resolve("x509up_delegated").toString()).stdout()).contains("jane");

            // The worker logs in with its host certificate and runs the job Jane submits with her proxy.
            host.writePem(tmp.resolve("hostcert.pem"), tmp.resolve("hostkey.pem"));
            grid.startWorkerAs("certworker", "x509.cert: " + tmp.resolve("hostcert.pem") + "\nx509.key: " + tmp.resolve("hostkey.pem"));
            Command.Result app = grid.client(admin, "xwsendapp", List.of("apptest", System.getProperty("os.arch"), "linux",
                    Deployment.SOURCE_ROOT.resolve("apptest/target/apptest").toString()));
            assertThat(app.exitCode()).as(app.describe()).isZero();
            Map<String, String> janeProxy = Map.of("X509_USER_PROXY", tmp.resolve("x509up_test").toString());
            Command.Result work = cli(janeProxy, "xwsendwork", "--xwproxy", "apptest", "signed", "job");
            assertThat(work.exitCode()).as(work.describe()).isZero();
            Command.Result result = cli(janeProxy, "xwresult", "--xwproxy", "--xwwait", "300", "--xwout", tmp.resolve("out").toString(),
                    work.stdout().strip());
            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(Files.readString(tmp.resolve("out").resolve(work.stdout().strip()).resolve("stdout.txt")))
                    .startsWith("apptest args: [signed] [job]");

            // Whatever must not log in ends with exit 4 and one line saying why.
            refused(users.expiredUser("/DC=org/DC=xwtest/OU=People/CN=Old Timer"), "expired on");
            refused(roy, "was revoked by its CA");
            refused(TestCa.root("/DC=org/DC=elsewhere/CN=Other CA").user("/DC=org/DC=elsewhere/CN=Eve"),
                    "a CA this server does not trust");
            refused(users.impostor().user(JANE), "is forged or damaged");
            refused(users.user("/DC=org/DC=xwtest/OU=People/CN=Nobody Known"), "no user of this server has this DN");
            Files.setPosixFilePermissions(tmp.resolve("userkey.pem"), PosixFilePermissions.fromString("rw-r--r--"));
            Command.Result openKey = cli(Map.of(), "xwusers", "--xwcert", tmp.resolve("usercert.pem").toString(), "--xwkey",
                    tmp.resolve("userkey.pem").toString());
            assertThat(openKey.exitCode()).as(openKey.describe()).isEqualTo(4);
            assertThat(openKey.stderr().strip()).contains("chmod 600").doesNotContain("\n");

            // A worker whose host certificate names no account stops at once, exit code 3, saying why.
            TestCa.Issued stranger = users.user("/DC=org/DC=xwtest/OU=Hosts/CN=host/stranger.xwtest.org");
            stranger.writePem(tmp.resolve("strangercert.pem"), tmp.resolve("strangerkey.pem"));
            Files.createDirectories(tmp.resolve("stranger"));
            Path strangerConf = Files.writeString(tmp.resolve("stranger.conf"), "dispatcher.servers: localhost\nport.https: "
                    + grid.port() + "\npath.certfile: " + grid.credential("server.certificate") + "\nx509.cert: "
                    + tmp.resolve("strangercert.pem") + "\nx509.key: " + tmp.resolve("strangerkey.pem") + "\npath.home: "
                    + tmp.resolve("stranger") + "\n");
            Command.Result refusedWorker = Command.run(List.of(Deployment.script("xtremweb.worker").toString(), "console",
                    "--xwconfig", strangerConf.toString()), tmp, null, Duration.ofMinutes(3), Map.of());
            assertThat(refusedWorker.exitCode()).as(refusedWorker.describe()).isEqualTo(3);
            assertThat(refusedWorker.stdout() + refusedWorker.stderr()).contains("refuses the host certificate of "
                    + stranger.dn()).contains("no user of this server has this DN");

            // Passwords still work beside certificates.
            Command.Result byPassword = grid.client(admin, "xwusers", List.of());
            assertThat(byPassword.exitCode()).as(byPassword.describe()).isZero();
            assertThat(grid.server().output()).contains("certificate login of " + JANE + " as 'jane'")
                    .doesNotContain("PRIVATE KEY");
        }
    }

    private Command.Result cli(Map<String, String> environment, String script, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(Deployment.script(script).toString(), "--xwconfig", certConfig.toString()));
        line.addAll(List.of(args));
        return Command.run(line, tmp, null, Duration.ofMinutes(5), environment);
    }

    private void refused(TestCa.Issued certificate, String reason) throws Exception {
        String name = "c" + Integer.toHexString(certificate.hashCode());
        certificate.writePem(tmp.resolve(name + ".pem"), tmp.resolve(name + ".key"));
        Command.Result run = cli(Map.of(), "xwworks", "--xwcert", tmp.resolve(name + ".pem").toString(), "--xwkey",
                tmp.resolve(name + ".key").toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(4);
        assertThat(run.stderr().strip()).as(run.describe()).startsWith("xtremweb.client: certificate login refused: ")
                .contains(reason).doesNotContain("\n");
    }
}
