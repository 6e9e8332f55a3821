package xtremweb.server.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.TestDatabase;
import xtremweb.server.work.WorkChange;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkRow;
import xtremweb.server.work.WorkSignal;

/**
 * The ready queue never offers again a work whose claim ended while a refill was reading: the
 * read may have seen it still PENDING, and a second claim of it would fail on its version (alone,
 * a wasted statement; in a group commit, the whole group rolled back and run again alone).
 */
class ReadyQueueTest {
    @TempDir
    Path temp;
    private TestDatabase db;

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private static WorkRow pending(String owner) {
        return new WorkRow(UUID.randomUUID().toString(), "app", "app", owner, null, null, List.of(), WorkStatus.PENDING, null,
                null, null, null, null, AccessRights.PUBLIC, 0, 0, false, null, Instant.parse("2026-01-01T00:00:00Z"), null,
                WorkRow.Requirements.NONE, null, null);
    }

    @Test
    void aWorkClaimedWhileARefillReadItIsNotOfferedAgain() throws Exception {
        db = TestDatabase.open("h2", temp.resolve("db"));
        Jdbc jdbc = db.jdbc();
        WorkRepository works = new WorkRepository();
        WorkRow first = pending("alice");
        jdbc.tx("seed", c -> {
            works.insert(c, first);
            return null;
        });
        AtomicLong now = new AtomicLong();
        // Called by a refill between its read and its merge: there, the claim of the work taken
        // before commits and is settled, as a claim running beside the refill does.
        AtomicReference<Runnable> betweenReadAndMerge = new AtomicReference<>(() -> { });
        ReadyQueue queue = new ReadyQueue(jdbc, works, new WorkSignal(), now::get, w -> betweenReadAndMerge.get().run());

        WorkRow taken = queue.take(w -> true).orElseThrow();
        assertThat(taken.uid()).isEqualTo(first.uid());
        betweenReadAndMerge.set(() -> {
            betweenReadAndMerge.set(() -> { });
            jdbc.tx("claim", c -> works.transition(c, taken.uid(), WorkStatus.PENDING, WorkStatus.RUNNING, taken.version(),
                    WorkChange.claimedBy("host")));
            queue.settled(taken.uid());
        });
        // A refill is due (a second later) and reads the work, still PENDING then.
        now.addAndGet(ReadyQueue.REFRESH.toNanos() + 1);

        assertThat(queue.take(w -> true)).as("the claimed work, offered again from the refill's stale read").isEmpty();
    }
}
