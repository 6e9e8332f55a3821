package xtremweb.server.certification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where copies of one work may go: never one host twice, never one owner twice, optionally never one /24 twice. */
class CopyPlacementsTest {
    @Test
    void aWorkComputedOnceGoesAnywhere() {
        CopyPlacements placements = new CopyPlacements(true);
        assertThat(placements.reserve(null, "h1", "alice")).isTrue();
        assertThat(placements.reserve(null, "h1", "alice")).isTrue();
    }

    @Test
    void copiesAvoidTheSameHostAndTheSameOwnerUntilAClaimIsReleased() {
        CopyPlacements placements = new CopyPlacements();
        assertThat(placements.reserve("w", "h1", "alice")).isTrue();
        assertThat(placements.reserve("w", "h1", "alice")).isFalse();
        assertThat(placements.reserve("w", "h2", "alice")).isFalse();
        assertThat(placements.reserve("other", "h2", "alice")).isTrue();
        placements.release("w", "h1", "alice");
        assertThat(placements.reserve("w", "h2", "alice")).isTrue();
        placements.forget("w");
        assertThat(placements.reserve("w", "h1", "alice")).isTrue();
    }

    @Test
    void withDistinctSubnetsTwoHostsOfOneSlash24NeverCheckEachOther() {
        CopyPlacements placements = new CopyPlacements(true);
        placements.seen("h1", "192.0.2.10");
        placements.seen("h2", "192.0.2.200");
        placements.seen("h3", "198.51.100.7");
        placements.seen("h4", "2001:db8:1:2::5");
        placements.seen("h5", "2001:db8:1:9::5");
        assertThat(placements.reserve("w", "h1", "alice")).isTrue();
        assertThat(placements.reserve("w", "h2", "bob")).isFalse();
        assertThat(placements.reserve("w", "h3", "carol")).isTrue();
        assertThat(placements.reserve("w", "h4", "dave")).isTrue();
        assertThat(placements.reserve("w", "h5", "erin")).isFalse();
        placements.release("w", "h1", "alice");
        assertThat(placements.reserve("w", "h2", "bob")).isTrue();

        CopyPlacements off = new CopyPlacements(false);
        off.seen("h1", "192.0.2.10");
        off.seen("h2", "192.0.2.200");
        assertThat(off.reserve("w", "h1", "alice")).isTrue();
        assertThat(off.reserve("w", "h2", "bob")).isTrue();
    }

    @Test
    void networksAreTheSlash24OrTheSlash48() {
        assertThat(CopyPlacements.network("192.0.2.10")).isEqualTo("192.0.2");
        assertThat(CopyPlacements.network("2001:db8:1:2::5")).isEqualTo("v6:2001:db8:1");
    }
}
