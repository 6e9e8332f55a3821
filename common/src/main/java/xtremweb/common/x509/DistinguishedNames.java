package xtremweb.common.x509;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Distinguished names as grid people write them. The one canonical form, stored by the server and
 * compared at login, is the OpenSSL "slash" form that grid tools print ({@code grid-proxy-info
 * -identity}, {@code openssl x509 -subject}): most significant part first, one {@code /} before
 * each part, e.g. {@code /DC=org/DC=example/OU=People/CN=Jane Doe}. The RFC 2253 form that Java
 * and LDAP print ({@code CN=Jane Doe,OU=People,DC=example,DC=org}) is accepted too and turned into
 * the same string, so either can be typed.
 *
 * <p>The canonical string is made from each attribute's type and text, not from how the
 * certificate encodes it (PrintableString or UTF8String): a name typed by an administrator and the
 * same name read from a certificate compare equal. Case is kept, as grid-mapfiles keep it.
 */
public final class DistinguishedNames {
    /** Keyword of each attribute type in the canonical form (OpenSSL's names). */
    private static final Map<String, String> KEYWORD_OF_OID = new LinkedHashMap<>();
    /** Every accepted keyword, upper-case, to its OID: OpenSSL's and RFC 2253/4519's spellings. */
    private static final Map<String, String> OID_OF_KEYWORD = new LinkedHashMap<>();
    // A part starts where '/' is followed by a keyword (or a dotted OID) and '='.
    private static final Pattern PART_START = Pattern.compile("(?<!\\\\)/(?=(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\\.[0-9]+)+)=)");
    private static final Pattern VALUE_START = Pattern.compile("(?<!\\\\)\\+(?=(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\\.[0-9]+)+)=)");
    private static final Pattern OID = Pattern.compile("[0-9]+(?:\\.[0-9]+)+");

    static {
        keyword("2.5.4.6", "C", "countryName");
        keyword("2.5.4.8", "ST", "stateOrProvinceName", "S");
        keyword("2.5.4.7", "L", "localityName");
        keyword("2.5.4.10", "O", "organizationName");
        keyword("2.5.4.11", "OU", "organizationalUnitName");
        keyword("2.5.4.3", "CN", "commonName");
        keyword("0.9.2342.19200300.100.1.25", "DC", "domainComponent");
        keyword("0.9.2342.19200300.100.1.1", "UID", "userid");
        keyword("1.2.840.113549.1.9.1", "emailAddress", "E", "email");
        keyword("2.5.4.5", "serialNumber");
        keyword("2.5.4.9", "street");
        keyword("2.5.4.12", "title");
        keyword("2.5.4.42", "GN", "givenName");
        keyword("2.5.4.4", "SN", "surname");
        keyword("2.5.4.43", "initials");
        keyword("2.5.4.44", "generationQualifier");
        keyword("2.5.4.46", "dnQualifier");
        keyword("2.5.4.65", "pseudonym");
        keyword("2.5.4.17", "postalCode");
        keyword("2.5.4.41", "name");
    }

    private DistinguishedNames() {
    }

    private static void keyword(String oid, String canonical, String... aliases) {
        KEYWORD_OF_OID.put(oid, canonical);
        OID_OF_KEYWORD.put(canonical.toUpperCase(Locale.ROOT), oid);
        for (String alias : aliases) {
            OID_OF_KEYWORD.put(alias.toUpperCase(Locale.ROOT), oid);
        }
    }

    /** The canonical (slash) form of a certificate's subject or issuer. */
    public static String canonical(X500Principal principal) {
        X500Name name = X500Name.getInstance(principal.getEncoded());
        StringBuilder out = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            out.append('/');
            AttributeTypeAndValue[] values = rdn.getTypesAndValues();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append('+');
                }
                String oid = values[i].getType().getId();
                out.append(KEYWORD_OF_OID.getOrDefault(oid, oid)).append('=').append(text(values[i].getValue()));
            }
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    /**
     * The canonical form of a DN typed in either notation; an {@link IllegalArgumentException} says
     * what is wrong with it.
     */
    public static String parse(String text) {
        return canonical(principal(text));
    }

    /** A DN typed in either notation, as a principal. */
    public static X500Principal principal(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a distinguished name is required, like /DC=org/DC=example/CN=Jane Doe");
        }
        String dn = text.strip();
        try {
            return dn.startsWith("/") ? fromSlashes(dn) : new X500Principal(dn, OID_OF_KEYWORD);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + dn + "' is not a distinguished name (" + e.getMessage()
                    + "); write it as /DC=org/DC=example/CN=Jane Doe or CN=Jane Doe,DC=example,DC=org", e);
        }
    }

    private static X500Principal fromSlashes(String dn) {
        if (dn.length() < 2) {
            throw new IllegalArgumentException("it has no part");
        }
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (String part : PART_START.split(dn.substring(1), -1)) {
            List<ASN1ObjectIdentifier> types = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (String attribute : VALUE_START.split(part, -1)) {
                int eq = attribute.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + attribute + "' is not KEYWORD=value");
                }
                String keyword = attribute.substring(0, eq);
                String value = unescape(attribute.substring(eq + 1));
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(keyword + " has no value");
                }
                String oid = OID.matcher(keyword).matches() ? keyword : OID_OF_KEYWORD.get(keyword.toUpperCase(Locale.ROOT));
                if (oid == null) {
                    throw new IllegalArgumentException("unknown attribute type '" + keyword + "'");
                }
                types.add(new ASN1ObjectIdentifier(oid));
                values.add(value);
            }
            if (types.size() == 1) {
                builder.addRDN(types.get(0), values.get(0));
            } else {
                builder.addMultiValuedRDN(types.toArray(ASN1ObjectIdentifier[]::new), values.toArray(String[]::new));
            }
        }
        try {
            return new X500Principal(builder.build().getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String text(ASN1Encodable value) {
        if (value instanceof ASN1String string) {
            return string.getString();
        }
        try {
            return "#" + HexFormat.of().formatHex(value.toASN1Primitive().getEncoded());
        } catch (java.io.IOException e) {
            return "#";
        }
    }

    /** The DN on one line, for a log line or a message: whatever a certificate holds cannot forge log lines. */
    public static String printable(String dn) {
        String cut = dn.length() > 300 ? dn.substring(0, 300) + "..." : dn;
        return cut.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
    }
}
