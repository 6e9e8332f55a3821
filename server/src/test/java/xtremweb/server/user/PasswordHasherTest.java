package xtremweb.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashVerifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.verify("x", "not a hash")).isFalse();
    }

    @Test
    void samePasswordGetsDifferentSalts() {
        assertThat(hasher.hash("p")).isNotEqualTo(hasher.hash("p"));
    }
}
