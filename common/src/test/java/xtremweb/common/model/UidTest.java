package xtremweb.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UidTest {
    @Test
    void uuidsInAnyCaseAreUidsAndNothingElseIs() {
        String uid = UUID.randomUUID().toString();
        assertThat(Uid.isUid(uid)).isTrue();
        assertThat(Uid.isUid(uid.toUpperCase())).isTrue();
        for (String not : List.of("", "app", uid + "0", uid.substring(1), uid.replace('-', '_'), " " + uid.substring(1),
                uid.substring(0, 35) + "g", uid.substring(0, 8) + "0" + uid.substring(9), "0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a5\u0660")) {
            assertThat(Uid.isUid(not)).as(not).isFalse();
        }
        assertThat(Uid.isUid(null)).isFalse();
    }

    /** The hand-written check says what the regular expression says, for UIDs and near misses alike. */
    @Test
    void theCheckAgreesWithTheShapesRegularExpression() {
        Random random = new Random(42);
        String alphabet = "0123456789abcdefABCDEF-gxz_ \u00e9";
        for (int n = 0; n < 100_000; n++) {
            char[] text = UUID.randomUUID().toString().toCharArray();
            for (int k = random.nextInt(3); k > 0; k--) {
                text[random.nextInt(36)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String candidate = new String(text);
            assertThat(Uid.isUid(candidate)).as(candidate).isEqualTo(Uid.matchesShape(candidate));
        }
    }

    @Test
    void theCanonicalFormIsLowerCaseForUidsOnly() {
        assertThat(Uid.canonical("0B6C1A0E-6F7E-4C55-9D0A-2F1D8C3B4A59")).isEqualTo("0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59");
        assertThat(Uid.canonical("MyApp")).isEqualTo("MyApp");
    }
}
