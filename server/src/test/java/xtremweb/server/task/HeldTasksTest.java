package xtremweb.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.WorkRequest;
import xtremweb.server.MutableClock;
import xtremweb.server.db.TestDatabase;

/**
 * The cap on the tasks one host holds ({@code host.maxTasks}), on the embedded database and on
 * MariaDB: counted in memory, read from the database only when a host is at its cap as counted here.
 */
class HeldTasksTest {
    private static final String HOST = "host-1";
    @TempDir
    Path temp;
    private TestDatabase db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    static List<String> kinds() {
        return TestDatabase.kinds().toList();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private HeldTasks held(String kind, int maxTasks) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        return new HeldTasks(db.jdbc(), clock, maxTasks, Duration.ofDays(7));
    }

    /** Claims {@code n} tasks for the host as the scheduler does: rows RUNNING in the database, counted here. */
    private List<String> give(HeldTasks held, int cpus, int n) {
        int granted = held.reserve(HOST, cpus, n, 0);
        List<String> given = new ArrayList<>();
        for (int i = 0; i < granted; i++) {
            String uid = UUID.randomUUID().toString();
            db.jdbc().tx("claim", c -> {
                new TaskRepository().insert(c, new TaskRow(uid, UUID.randomUUID().toString(), HOST, TaskStatus.RUNNING,
                        clock.instant().plusSeconds(45), clock.instant(), null));
                return null;
            });
            given.add(uid);
        }
        held.settle(HOST, granted, given);
        return given;
    }

    private void endInDatabase(String taskUid) {
        db.jdbc().tx("end", c -> new TaskRepository().finish(c, taskUid, TaskStatus.DONE, clock.instant()));
    }

    @Test
    void theCapIsHostMaxTasksOrTwiceTheDeclaredCpusNeverAboveWhatAHeartbeatKeepsAlive() {
        HeldTasks held = new HeldTasks(null, clock, 64, Duration.ofDays(7));
        assertThat(held.capFor(1)).isEqualTo(64);
        assertThat(held.capFor(32)).isEqualTo(64);
        assertThat(held.capFor(48)).isEqualTo(96);
        assertThat(held.capFor(100_000)).isEqualTo(Heartbeat.MAX_TASKS);
        assertThat(new HeldTasks(null, clock, 2, Duration.ofDays(7)).capFor(2)).as("4 slots on 2 CPUs").isEqualTo(4);
        assertThat(HeldTasks.unlimited().capFor(1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(HeldTasks.unlimited().reserve(HOST, 1, 64, 0)).isEqualTo(64);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWorkerOf64SlotsOnOneCpuIsNeverHeldBackByTheDefault(String kind) throws Exception {
        HeldTasks held = held(kind, xtremweb.server.ServerConfig.DEFAULT_HOST_MAX_TASKS);
        List<String> running = give(held, 1, WorkRequest.MAX_SLOTS);
        assertThat(running).hasSize(64);
        // A result upload with next=1: the task it returns ends in the same transaction, its slot is free.
        assertThat(held.reserve(HOST, 1, 1, 1)).isEqualTo(1);
        held.settle(HOST, 1, List.of());
        // Several results recorded at once with the claim of as many next works.
        assertThat(held.reserve(HOST, 1, 8, 8)).isEqualTo(8);
        held.settle(HOST, 8, List.of());
        // A task that ended here (its result) frees its slot for the next work request.
        held.ended(running.get(0));
        endInDatabase(running.get(0));
        assertThat(give(held, 1, 1)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aHostAtItsCapGetsNothingMoreUntilItEndsATask(String kind) throws Exception {
        HeldTasks held = held(kind, 4);
        List<String> running = give(held, 1, 64);
        assertThat(running).as("64 asked, the cap given").hasSize(4);
        assertThat(held.reserve(HOST, 1, 64, 0)).isZero();
        clock.advance(HeldTasks.RECHECK);
        assertThat(held.reserve(HOST, 1, 1, 0)).as("the database agrees: it holds 4").isZero();
        held.ended(running.get(1));
        endInDatabase(running.get(1));
        assertThat(held.reserve(HOST, 1, 64, 0)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void tasksEndedElsewhereAreFoundInTheDatabaseOnceTheHostLooksCapped(String kind) throws Exception {
        HeldTasks held = held(kind, 4);
        List<String> running = give(held, 1, 4);
        // Ended by another server, or taken back by the reaper: this server did not see it.
        endInDatabase(running.get(0));
        endInDatabase(running.get(1));
        assertThat(held.held(HOST)).isEqualTo(4);
        assertThat(held.reserve(HOST, 1, 4, 0)).isEqualTo(2);
        assertThat(held.held(HOST)).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void tasksNeverSeenToEndAreForgottenOnceOlderThanAnyTaskMayRun(String kind) throws Exception {
        HeldTasks held = held(kind, 4);
        give(held, 1, 3).forEach(this::endInDatabase); // ended on another server: never seen here
        clock.advance(Duration.ofDays(7).plusMinutes(2));
        held.settle("another-host", 0, List.of());
        assertThat(held.held(HOST)).isZero();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void worksBeingClaimedCountAgainstTheCap(String kind) throws Exception {
        HeldTasks held = held(kind, 4);
        assertThat(held.reserve(HOST, 1, 3, 0)).isEqualTo(3);
        assertThat(held.reserve(HOST, 1, 3, 0)).as("a second request of the same host, at the same moment").isEqualTo(1);
        held.settle(HOST, 3, List.of());
        held.settle(HOST, 1, List.of());
        assertThat(held.reserve(HOST, 1, 4, 0)).as("claims that won nothing gave their room back").isEqualTo(4);
    }
}
