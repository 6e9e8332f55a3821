package xtremweb.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserRightsTest {
    @Test
    void refusalsNameALevelWithTheArticleItsSoundTakes() {
        // "a ADVANCED_USER may not create a ADVANCED_USER user" was what an advanced user read.
        assertThat(UserRights.ADVANCED_USER.withArticle()).isEqualTo("an ADVANCED_USER");
        assertThat(UserRights.STANDARD_USER.withArticle()).isEqualTo("a STANDARD_USER");
        assertThat(UserRights.SUPER_USER.withArticle()).isEqualTo("a SUPER_USER");
        assertThat(UserRights.WORKER_USER.withArticle()).isEqualTo("a WORKER_USER");
        assertThat(UserRights.NONE.withArticle()).isEqualTo("a NONE");
    }
}
