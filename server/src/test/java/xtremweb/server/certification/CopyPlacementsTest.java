package xtremweb.server.certification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where copies of one work may go: never one host twice, never one owner twice, optionally never one /24 twice. */
class CopyPlacementsTest {
    @Test
    void aWorkComputedOnceGoesAnywhere() {
        CopyPlacements placements = new CopyPlacements(true);
        assertThat(placements.reserve(null, "w", "h1", "alice")).isTrue();
        assertThat(placements.reserve(null, "w", "h1", "alice")).isTrue();
    }

    @Test
    void copiesAvoidTheSameHostAndTheSameOwnerUntilAClaimIsReleased() {
        CopyPlacements placements = new CopyPlacements();
        assertThat(placements.reserve("w", "c1", "h1", "alice")).isTrue();
        assertThat(placements.reserve("w", "c2", "h1", "alice")).isFalse();
        assertThat(placements.reserve("w", "c2", "h2", "alice")).isFalse();
        assertThat(placements.reserve("other", "c3", "h2", "alice")).isTrue();
        placements.release("w", "c1", "h1");
        assertThat(placements.reserve("w", "c2", "h2", "alice")).isTrue();
        placements.forget("w");
        assertThat(placements.reserve("w", "c1", "h1", "alice")).isTrue();
    }

    @Test
    void aCopyPlacedAgainIsKeptOffItsSiblingsOnlyNotOffWhereItWentBefore() {
        // Three volunteers, quorum 2: c1 on h1 and c2 on h2 both lost (a restarted server found their
        // leases expired) and queued again. Each may go back where it was, or to the third host.
        CopyPlacements placements = new CopyPlacements();
        placements.placed("w", "c1", "h1", "anna");
        placements.placed("w", "c2", "h2", "ben");
        assertThat(placements.reserve("w", "c1", "h3", "carl")).isTrue();
        assertThat(placements.reserve("w", "c2", "h1", "anna")).as("c1's claim on h3 is not won yet").isFalse();
        placements.confirm("w", "c1", "h3");
        assertThat(placements.reserve("w", "c2", "h3", "carl")).as("h3 now has c1").isFalse();
        assertThat(placements.reserve("w", "c2", "h1", "anna")).as("c1 left h1").isTrue();
        placements.confirm("w", "c2", "h1");
        // Lost once more, c1 may go back to h3, never to the host or owner of c2.
        assertThat(placements.reserve("w", "c1", "h1", "anna")).isFalse();
        assertThat(placements.reserve("w", "c1", "h4", "anna")).isFalse();
        assertThat(placements.reserve("w", "c1", "h3", "carl")).isTrue();
    }

    @Test
    void aStaleQueueEntryOfACopyAHostRunsNeverFreesThatHostForASibling() {
        // The ready queue is a hint: a refill may offer c1 again while h1 runs it. h1 takes the stale
        // entry, the claim fails (c1 is not PENDING), and h1 must still be taken for the work.
        CopyPlacements placements = new CopyPlacements();
        assertThat(placements.reserve("w", "c1", "h1", "cheater")).isTrue();
        placements.confirm("w", "c1", "h1");
        assertThat(placements.reserve("w", "c1", "h1", "cheater")).as("the stale entry").isTrue();
        placements.release("w", "c1", "h1");
        assertThat(placements.reserve("w", "c2", "h1", "cheater")).isFalse();
        assertThat(placements.reserve("w", "c2", "h9", "cheater")).isFalse();

        // Another host taking the stale entry leaves c1 where it runs, too.
        assertThat(placements.reserve("w", "c1", "h2", "honest")).isTrue();
        placements.release("w", "c1", "h2");
        assertThat(placements.reserve("w", "c2", "h1", "cheater")).isFalse();
        assertThat(placements.reserve("w", "c2", "h2", "honest")).isTrue();
    }

    @Test
    void untilAReplacingClaimIsWonTheCopysOldHostStaysTaken() {
        CopyPlacements placements = new CopyPlacements();
        placements.placed("w", "c1", "h1", "anna");
        assertThat(placements.reserve("w", "c1", "h2", "ben")).isTrue();
        assertThat(placements.reserve("w", "c2", "h1", "anna")).isFalse();
        assertThat(placements.reserve("w", "c2", "h2", "ben")).isFalse();
        placements.release("w", "c1", "h2");
        assertThat(placements.reserve("w", "c2", "h1", "anna")).as("c1 still on h1").isFalse();
        assertThat(placements.reserve("w", "c2", "h2", "ben")).isTrue();
    }

    @Test
    void releasingALostClaimLeavesTheCopysOtherPlacementAlone() {
        CopyPlacements placements = new CopyPlacements();
        assertThat(placements.reserve("w", "c1", "h1", "anna")).isTrue();
        placements.release("w", "c1", "h2");
        assertThat(placements.reserve("w", "c2", "h1", "anna")).isFalse();
    }

    @Test
    void withDistinctSubnetsTwoHostsOfOneSlash24NeverCheckEachOther() {
        CopyPlacements placements = new CopyPlacements(true);
        placements.seen("h1", "192.0.2.10");
        placements.seen("h2", "192.0.2.200");
        placements.seen("h3", "198.51.100.7");
        placements.seen("h4", "2001:db8:1:2::5");
        placements.seen("h5", "2001:db8:1:9::5");
        assertThat(placements.reserve("w", "c1", "h1", "alice")).isTrue();
        assertThat(placements.reserve("w", "c2", "h2", "bob")).isFalse();
        assertThat(placements.reserve("w", "c2", "h3", "carol")).isTrue();
        assertThat(placements.reserve("w", "c3", "h4", "dave")).isTrue();
        assertThat(placements.reserve("w", "c4", "h5", "erin")).isFalse();
        placements.release("w", "c1", "h1");
        assertThat(placements.reserve("w", "c4", "h2", "bob")).isTrue();

        CopyPlacements off = new CopyPlacements(false);
        off.seen("h1", "192.0.2.10");
        off.seen("h2", "192.0.2.200");
        assertThat(off.reserve("w", "c1", "h1", "alice")).isTrue();
        assertThat(off.reserve("w", "c2", "h2", "bob")).isTrue();
    }

    @Test
    void aPlacementReadAtStartLearnsItsHostsNetworkFromItsNextRequest() {
        CopyPlacements placements = new CopyPlacements(true);
        placements.placed("w", "c1", "h1", "alice");
        placements.seen("h1", "192.0.2.10");
        placements.seen("h2", "192.0.2.200");
        assertThat(placements.reserve("w", "c2", "h2", "bob")).isFalse();
    }

    @Test
    void networksAreTheSlash24OrTheSlash48() {
        assertThat(CopyPlacements.network("192.0.2.10")).isEqualTo("192.0.2");
        assertThat(CopyPlacements.network("2001:db8:1:2::5")).isEqualTo("v6:2001:db8:1");
    }
}
