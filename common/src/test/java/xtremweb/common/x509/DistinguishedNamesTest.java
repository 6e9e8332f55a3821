package xtremweb.common.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class DistinguishedNamesTest {
    @Test
    void slashFormAndRfc2253NameTheSameUserInOneCanonicalForm() {
        String slash = DistinguishedNames.parse("/DC=org/DC=example/OU=People/CN=Jane Doe");
        String rfc = DistinguishedNames.parse("CN=Jane Doe,OU=People,DC=example,DC=org");
        assertThat(slash).isEqualTo(rfc).isEqualTo("/DC=org/DC=example/OU=People/CN=Jane Doe");
    }

    @Test
    void aCertificatesSubjectReadsAsTheSlashFormGridToolsPrint() {
        X500Principal subject = new X500Principal("CN=Jane Doe, OU=People, O=Example, C=FR");
        assertThat(DistinguishedNames.canonical(subject)).isEqualTo("/C=FR/O=Example/OU=People/CN=Jane Doe");
    }

    @Test
    void hostNamesWithASlashInsideAValueStayOnePart() {
        String dn = DistinguishedNames.parse("/DC=org/DC=example/CN=host/node1.example.org");
        assertThat(dn).isEqualTo("/DC=org/DC=example/CN=host/node1.example.org");
        assertThat(DistinguishedNames.principal(dn).getName()).isEqualTo("CN=host/node1.example.org,DC=example,DC=org");
    }

    @Test
    void emailAndUidKeywordsOfEitherNotationAreUnderstood() {
        assertThat(DistinguishedNames.parse("/O=Grid/CN=Jane/emailAddress=jane@example.org"))
                .isEqualTo(DistinguishedNames.parse("EMAILADDRESS=jane@example.org,CN=Jane,O=Grid"))
                .isEqualTo(DistinguishedNames.parse("emailAddress=jane@example.org,CN=Jane,O=Grid"))
                .isEqualTo(DistinguishedNames.parse("/O=Grid/CN=Jane/E=jane@example.org"))
                .isEqualTo("/O=Grid/CN=Jane/emailAddress=jane@example.org");
        assertThat(DistinguishedNames.parse("UID=jdoe,DC=example")).isEqualTo("/DC=example/UID=jdoe");
    }

    @Test
    void commasAndMultiValuedPartsSurviveTheRoundTrip() {
        String dn = DistinguishedNames.parse("/O=Doe, Jane and Co/CN=Jane+UID=jdoe");
        assertThat(dn).isEqualTo("/O=Doe, Jane and Co/CN=Jane+UID=jdoe");
        assertThat(DistinguishedNames.parse(DistinguishedNames.principal(dn).getName())).isEqualTo(dn);
    }

    @Test
    void theEncodingOfAValueDoesNotMatterOnlyItsText() {
        // PrintableString (as X500Principal encodes) and UTF8String (as most CAs encode) alike.
        X500Principal printable = new X500Principal("CN=Jane Doe,DC=example");
        X500Principal utf8 = DistinguishedNames.principal("/DC=example/CN=Jane Doe");
        assertThat(utf8.getEncoded()).isNotEqualTo(printable.getEncoded());
        assertThat(DistinguishedNames.canonical(utf8)).isEqualTo(DistinguishedNames.canonical(printable));
    }

    @Test
    void somethingThatIsNotADnIsRefusedWithTheFormsToUse() {
        assertThatThrownBy(() -> DistinguishedNames.parse("Jane Doe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a distinguished name").hasMessageContaining("/DC=org/DC=example/CN=Jane Doe");
        assertThatThrownBy(() -> DistinguishedNames.parse("/XX=1/CN=a")).hasMessageContaining("unknown attribute type 'XX'");
        assertThatThrownBy(() -> DistinguishedNames.parse("/CN=")).hasMessageContaining("CN has no value");
        assertThatThrownBy(() -> DistinguishedNames.parse(" ")).hasMessageContaining("is required");
    }

    @Test
    void printableKeepsLogLinesOneLine() {
        assertThat(DistinguishedNames.printable("/CN=a\nFAKE LOG LINE")).isEqualTo("/CN=a?FAKE LOG LINE");
        assertThat(DistinguishedNames.printable("/CN=Jérôme")).isEqualTo("/CN=Jérôme");
    }
}
