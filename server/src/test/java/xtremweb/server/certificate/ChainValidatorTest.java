package xtremweb.server.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.x509.TestCa;
import xtremweb.common.x509.TestCa.ProxyKind;

/** Every rule of the validation, on chains made by a throw-away CA; each refusal names its reason. */
class ChainValidatorTest {
    private static final String INHERIT_ALL = ProxyChecks.INHERIT_ALL;
    @TempDir
    static Path dir;
    static TestCa root;
    static TestCa sub;
    static TestCa.Issued jane;
    static TestCa.Issued revoked;
    static ChainValidator validator;

    @BeforeAll
    static void trust() throws Exception {
        root = TestCa.root("/DC=org/DC=test/CN=Test Root CA");
        sub = root.intermediate("/DC=org/DC=test/CN=Test Users CA");
        jane = sub.user("/DC=org/DC=test/OU=People/CN=Jane Doe");
        revoked = sub.user("/DC=org/DC=test/OU=People/CN=Revoked Roy");
        sub.revoke(revoked);
        root.writeTo(dir.resolve("ca"), "root");
        sub.writeTo(dir.resolve("ca"), "users");
        validator = validator(new TrustSettings(Optional.of(dir.resolve("ca")), Optional.empty(), "", false, 0));
    }

    static ChainValidator validator(TrustSettings settings) {
        return new ChainValidator(AuthorityStore.load(settings, Clock.systemUTC()));
    }

    private static ValidatedChain valid(List<X509Certificate> chain) throws InvalidChain {
        return validator.validate(chain, Instant.now());
    }

    private static void refused(List<X509Certificate> chain, InvalidChain.Reason reason, String sentence) {
        assertThatThrownBy(() -> valid(chain)).isInstanceOfSatisfying(InvalidChain.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(sentence).doesNotContain("\n");
        });
    }

    @Test
    void aUserCertificateIssuedThroughAnIntermediateIdentifiesItsSubject() throws Exception {
        ValidatedChain chain = valid(jane.chain());
        assertThat(chain.identity()).isEqualTo("/DC=org/DC=test/OU=People/CN=Jane Doe");
        assertThat(chain.proxies()).isZero();
        assertThat(chain.notAfter()).isEqualTo(jane.certificate().getNotAfter().toInstant());
    }

    @Test
    void theIntermediateMayComeFromTheCaDirectoryWhenTheClientSendsOnlyItsCertificate() throws Exception {
        assertThat(valid(List.of(jane.certificate())).identity()).endsWith("CN=Jane Doe");
    }

    @Test
    void proxiesAndProxiesOfProxiesIdentifyTheUserAndExpireWithTheShortestLived() throws Exception {
        TestCa.Issued proxy = jane.proxy();
        TestCa.Issued proxyOfProxy = proxy.proxy(ProxyKind.RFC3820, null, INHERIT_ALL, Instant.now().plus(Duration.ofHours(1)));
        ValidatedChain one = valid(proxy.chain());
        ValidatedChain two = valid(proxyOfProxy.chain());
        assertThat(one.identity()).isEqualTo(jane.dn());
        assertThat(two.identity()).isEqualTo(jane.dn());
        assertThat(two.proxies()).isEqualTo(2);
        assertThat(two.notAfter()).isEqualTo(proxyOfProxy.certificate().getNotAfter().toInstant());
    }

    @Test
    void legacyGlobusProxiesAreAccepted() throws Exception {
        TestCa.Issued legacy = jane.proxy(ProxyKind.LEGACY, null, null, Instant.now().plus(Duration.ofHours(12)));
        assertThat(valid(legacy.chain()).identity()).isEqualTo(jane.dn());
    }

    @Test
    void anExpiredCertificateIsRefused() {
        refused(sub.expiredUser("/DC=org/DC=test/CN=Old Timer").chain(), InvalidChain.Reason.EXPIRED,
                "the certificate /DC=org/DC=test/CN=Old Timer expired on");
    }

    @Test
    void anExpiredProxyIsRefusedAndAskedToBeMadeAgain() {
        TestCa.Issued proxy = jane.proxy(ProxyKind.RFC3820, null, INHERIT_ALL, Instant.now().minus(Duration.ofMinutes(1)));
        refused(proxy.chain(), InvalidChain.Reason.EXPIRED, "make a new proxy");
    }

    @Test
    void aCertificateNotValidYetIsRefused() {
        TestCa.Issued future = sub.issue("/DC=org/DC=test/CN=Future", Instant.now().plus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(2)), false);
        refused(future.chain(), InvalidChain.Reason.NOT_YET_VALID, "is valid only from");
    }

    @Test
    void aRevokedCertificateIsRefusedAndSoAreItsProxies() {
        refused(revoked.chain(), InvalidChain.Reason.REVOKED, "was revoked by its CA /DC=org/DC=test/CN=Test Users CA");
        refused(revoked.proxy().chain(), InvalidChain.Reason.REVOKED, "Revoked Roy");
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedNamingThatCa() {
        TestCa other = TestCa.root("/DC=org/DC=elsewhere/CN=Other CA");
        refused(other.user("/DC=org/DC=elsewhere/CN=Eve").chain(), InvalidChain.Reason.UNTRUSTED,
                "is issued by /DC=org/DC=elsewhere/CN=Other CA, a CA this server does not trust");
    }

    @Test
    void aCertificateSignedByAnImpostorOfTheTrustedCaIsForged() {
        TestCa impostor = sub.impostor();
        refused(impostor.user("/DC=org/DC=test/OU=People/CN=Jane Doe").chain(), InvalidChain.Reason.FORGED,
                "does not verify with the key of its CA /DC=org/DC=test/CN=Test Users CA");
    }

    @Test
    void aProxyNotSignedByTheCertificateBelowItIsForged() {
        TestCa.Issued mallory = sub.user("/DC=org/DC=test/CN=Mallory");
        TestCa.Issued malloryProxy = mallory.proxy();
        // Mallory's proxy placed over Jane's certificate: names and all, only the signature tells.
        List<X509Certificate> chain = new ArrayList<>(jane.chain());
        chain.add(0, malloryProxy.certificate());
        refused(chain, InvalidChain.Reason.BAD_PROXY, "names /DC=org/DC=test/CN=Mallory as its issuer");
        TestCa.Issued spoof = TestCa.root("/DC=org/DC=test/CN=Test Users CA").user("/DC=org/DC=test/OU=People/CN=Jane Doe").proxy();
        List<X509Certificate> swapped = new ArrayList<>(jane.chain());
        swapped.add(0, spoof.certificate());
        refused(swapped, InvalidChain.Reason.FORGED, "the signature of the proxy");
    }

    @Test
    void limitedProxiesOfEitherKindAreRefused() {
        refused(jane.proxy(ProxyKind.LEGACY_LIMITED, null, null, Instant.now().plus(Duration.ofHours(1))).chain(),
                InvalidChain.Reason.LIMITED_PROXY, "is a limited proxy");
        refused(jane.proxy(ProxyKind.RFC3820, null, ProxyChecks.GLOBUS_LIMITED, Instant.now().plus(Duration.ofHours(1))).chain(),
                InvalidChain.Reason.LIMITED_PROXY, "is a limited proxy");
    }

    @Test
    void independentProxiesAndUnknownPoliciesAreRefused() {
        refused(jane.proxy(ProxyKind.RFC3820, null, ProxyChecks.INDEPENDENT, Instant.now().plus(Duration.ofHours(1))).chain(),
                InvalidChain.Reason.BAD_PROXY, "independent proxy");
        refused(jane.proxy(ProxyKind.RFC3820, null, "1.2.3.4", Instant.now().plus(Duration.ofHours(1))).chain(),
                InvalidChain.Reason.BAD_PROXY, "has the policy 1.2.3.4");
    }

    @Test
    void aProxyPathLengthConstraintLimitsTheProxiesBelowIt() throws Exception {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        TestCa.Issued noMore = jane.proxy(ProxyKind.RFC3820, 0, INHERIT_ALL, later);
        assertThat(valid(noMore.chain()).proxies()).isEqualTo(1);
        refused(noMore.proxy().chain(), InvalidChain.Reason.BAD_PROXY, "allows 0 proxies below it, and the chain has 1");
        TestCa.Issued oneMore = jane.proxy(ProxyKind.RFC3820, 1, INHERIT_ALL, later);
        assertThat(valid(oneMore.proxy().chain()).proxies()).isEqualTo(2);
    }

    @Test
    void legacyAndRfcProxiesMayNotBeMixed() {
        TestCa.Issued legacy = jane.proxy(ProxyKind.LEGACY, null, null, Instant.now().plus(Duration.ofHours(1)));
        refused(legacy.proxy().chain(), InvalidChain.Reason.BAD_PROXY, "mixes RFC 3820 and legacy proxies");
    }

    @Test
    void aChainOfProxiesWithoutTheUsersCertificateIsRefused() {
        refused(List.of(jane.proxy().certificate()), InvalidChain.Reason.BAD_PROXY, "holds only proxies");
    }

    @Test
    void aCaCertificateCannotLogIn() {
        refused(List.of(sub.certificate(), root.certificate()), InvalidChain.Reason.BAD_USAGE, "is a CA certificate");
    }

    @Test
    void withCrlsRequiredACaWithoutItsCrlRefusesItsUsers() throws Exception {
        Path only = dir.resolve("no-crl");
        Files.createDirectories(only);
        Files.writeString(only.resolve("root.0"), TestCa.pem(root.certificate()));
        Files.writeString(only.resolve("root.r0"), TestCa.pem(root.crl()));
        Files.writeString(only.resolve("users.0"), TestCa.pem(sub.certificate()));
        ChainValidator strict = validator(new TrustSettings(Optional.of(only), Optional.empty(), "", true, 0));
        ChainValidator lenient = validator(new TrustSettings(Optional.of(only), Optional.empty(), "", false, 0));
        assertThatThrownBy(() -> strict.validate(jane.chain(), Instant.now())).isInstanceOfSatisfying(InvalidChain.class, e -> {
            assertThat(e.reason()).isEqualTo(InvalidChain.Reason.NO_CRL);
            assertThat(e.getMessage()).contains("no CRL of the CA /DC=org/DC=test/CN=Test Users CA").contains("fetch-crl");
        });
        assertThat(lenient.validate(jane.chain(), Instant.now()).identity()).isEqualTo(jane.dn());
    }

    @Test
    void anOutOfDateCrlStillRevokesAndIsRefusedWhenCrlsAreRequired() throws Exception {
        Path stale = dir.resolve("stale");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("root.0"), TestCa.pem(root.certificate()));
        Files.writeString(stale.resolve("root.r0"), TestCa.pem(root.crl()));
        Files.writeString(stale.resolve("users.0"), TestCa.pem(sub.certificate()));
        Files.writeString(stale.resolve("users.r0"), TestCa.pem(sub.crl(Instant.now().minus(Duration.ofDays(10)),
                Instant.now().minus(Duration.ofDays(3)))));
        ChainValidator lenient = validator(new TrustSettings(Optional.of(stale), Optional.empty(), "", false, 0));
        ChainValidator strict = validator(new TrustSettings(Optional.of(stale), Optional.empty(), "", true, 0));
        assertThatThrownBy(() -> lenient.validate(revoked.chain(), Instant.now()))
                .isInstanceOfSatisfying(InvalidChain.class, e -> assertThat(e.reason()).isEqualTo(InvalidChain.Reason.REVOKED));
        assertThat(lenient.validate(jane.chain(), Instant.now()).identity()).isEqualTo(jane.dn());
        assertThatThrownBy(() -> strict.validate(jane.chain(), Instant.now())).isInstanceOfSatisfying(InvalidChain.class,
                e -> assertThat(e.getMessage()).contains("is out of date"));
    }
}
