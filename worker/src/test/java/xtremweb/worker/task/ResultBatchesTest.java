package xtremweb.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.http.XwConnectException;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.InputRef;
import xtremweb.common.wire.Problem;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.ResultBatchReceipt;
import xtremweb.common.wire.TaskResult;
import xtremweb.common.wire.TaskResultReceipt;
import xtremweb.common.wire.WorkResponse;
import xtremweb.worker.cache.InputCache;
import xtremweb.worker.server.Backoff;
import xtremweb.worker.server.StopSignal;

/**
 * Protocol 3: the slots of a worker send their small results through one uplink, several in one
 * exchange when their jobs end close together, and each acts on its own receipt as on the answer to
 * a lone upload. Nothing is lost: a result leaves the worker's disk only once its receipt says so.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ResultBatchesTest {
    @TempDir
    Path temp;
    Path tmpDir;
    BatchingServer server;
    StopSignal stop;
    TaskRunner runner;
    private final ExecutorService slots = Executors.newCachedThreadPool();

    /** A protocol-3 server: takes batches, records their results, answers each with its receipt. */
    static final class BatchingServer extends TaskRunnerTest.FakeServer {
        volatile boolean batches = true;
        final List<List<String>> batchTasks = new CopyOnWriteArrayList<>();
        final List<Integer> batchNext = new CopyOnWriteArrayList<>();
        /** What each task's result is answered with, in turn, before it is recorded. */
        final Map<String, Deque<Problem>> problems = new ConcurrentHashMap<>();
        final Map<String, Map<String, String>> recorded = new ConcurrentHashMap<>();
        final Deque<Assignment> nextToHand = new ArrayDeque<>();
        final CountDownLatch firstArrived = new CountDownLatch(1);
        /** Holds the first batch on its way until counted down (null: no hold). */
        volatile CountDownLatch holdFirst;
        volatile int batchFailures;

        @Override
        public boolean takesBatches() {
            return batches;
        }

        @Override
        public Optional<ResultBatchReceipt> uploadBatch(ResultBatch batch) {
            batchTasks.add(batch.results().stream().map(TaskResult::taskUid).toList());
            batchNext.add(batch.next());
            CountDownLatch hold = holdFirst;
            if (hold != null && batchTasks.size() == 1) {
                firstArrived.countDown();
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (batchFailures > 0) {
                batchFailures--;
                throw new XwConnectException("connection reset (test)", null);
            }
            List<TaskResultReceipt> receipts = new ArrayList<>();
            for (TaskResult r : batch.results()) {
                Problem problem = Optional.ofNullable(problems.get(r.taskUid())).map(Deque::poll).orElse(null);
                if (problem == null && !sha256(r.zip()).equals(r.sha256())) {
                    problem = Problem.of(422, "checksum-mismatch", "the result of " + r.taskUid() + " has another SHA-256");
                }
                if (problem != null) {
                    receipts.add(new TaskResultReceipt(r.taskUid(), null, problem));
                } else {
                    recorded.put(r.taskUid(), entries(r.zip()));
                    receipts.add(new TaskResultReceipt(r.taskUid(), new DataView("data-" + r.taskUid(), "result.zip", null,
                            null, null, (long) r.zip().length, r.sha256(), null, null, null, null, null), null));
                }
            }
            List<Assignment> next = new ArrayList<>();
            synchronized (nextToHand) {
                for (int i = 0; batch.next() != null && i < batch.next() && !nextToHand.isEmpty(); i++) {
                    next.add(nextToHand.poll());
                }
            }
            return Optional.of(new ResultBatchReceipt(receipts, batch.next() == null ? null : new WorkResponse(null, 0, 60, next)));
        }

        long batchesWith(String taskUid) {
            return batchTasks.stream().filter(b -> b.contains(taskUid)).count();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        tmpDir = Files.createDirectory(temp.resolve("tmp"));
        server = new BatchingServer();
        stop = new StopSignal();
        runner = runner(server, stop);
    }

    @AfterEach
    void stopSlots() {
        slots.shutdownNow();
    }

    private TaskRunner runner(TaskServer server, StopSignal stop) throws IOException {
        return new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                new RunningTasks(), stop, () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending"));
    }

    private InputRef job(String body) throws Exception {
        return server.add("bin-1", "job.sh", TaskRunnerTest.script(body));
    }

    private static Assignment work(String taskUid, InputRef binary) {
        return new Assignment(taskUid, "work-" + taskUid, "job", List.of(), binary, null, null, null);
    }

    /**
     * Runs {@code first} in a slot and holds its batch on its way until the jobs of {@code others},
     * each in a slot of its own, wait for the next batch; then lets it go. Returns every slot's answer.
     */
    private List<Future<List<Assignment>>> endingTogether(Assignment first, List<Assignment> others) throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        server.holdFirst = hold;
        List<Future<List<Assignment>>> ran = new ArrayList<>();
        ran.add(slots.submit(() -> runner.run(first)));
        assertThat(server.firstArrived.await(20, TimeUnit.SECONDS)).isTrue();
        for (Assignment other : others) {
            ran.add(slots.submit(() -> runner.run(other)));
        }
        await("the others' results waiting for the next batch", () -> runner.resultsWaitingForABatch() == others.size());
        hold.countDown();
        for (Future<List<Assignment>> slot : ran) {
            slot.get(20, TimeUnit.SECONDS);
        }
        return ran;
    }

    @Test
    void slotsWhoseJobsEndWhileABatchIsOnItsWaySendTheirResultsInOneExchangeAndGetTheirNextWorks() throws Exception {
        InputRef binary = job("echo \"$XW_TASKUID\" > out.txt");
        List<Assignment> following = List.of(work("task-a", binary), work("task-b", binary), work("task-c", binary),
                work("task-d", binary));
        server.nextToHand.addAll(following);
        runner.askForNext(() -> 1);

        List<Future<List<Assignment>>> slotsRan = endingTogether(work("task-1", binary),
                List.of(work("task-2", binary), work("task-3", binary), work("task-4", binary)));

        assertThat(server.batchTasks).as("the first alone at once, the three others in one exchange").hasSize(2);
        assertThat(server.batchTasks.get(0)).containsExactly("task-1");
        assertThat(server.batchTasks.get(1)).containsExactlyInAnyOrder("task-2", "task-3", "task-4");
        assertThat(server.batchNext).containsExactly(1, 3);
        assertThat(server.recorded).containsOnlyKeys("task-1", "task-2", "task-3", "task-4");
        assertThat(server.recorded.get("task-3")).containsEntry("out.txt", "task-3\n");
        List<Assignment> handed = new ArrayList<>();
        for (Future<List<Assignment>> slot : slotsRan) {
            assertThat(slot.get()).as("one next work per slot").hasSize(1);
            handed.addAll(slot.get());
        }
        assertThat(handed).containsExactlyInAnyOrderElementsOf(following);
        assertThat(server.completions).as("no lone upload").isEmpty();
        assertThat(server.reports).as("each result is its COMPLETED report").isEmpty();
        assertThat(listing(temp.resolve("home/pending"))).isEmpty();
    }

    @Test
    void eachSlotActsOnItsOwnReceipt() throws Exception {
        InputRef binary = job("echo \"$XW_TASKUID\" > out.txt");
        server.problems.put("task-3", new ArrayDeque<>(List.of(Problem.of(409, "conflict", "task-3 is no longer this host's"))));
        server.problems.put("task-4", new ArrayDeque<>(List.of(Problem.of(503, "database-unavailable", "try again later"))));
        server.problems.put("task-5", new ArrayDeque<>(List.of(Problem.of(404, "task-not-found", "no task task-5"))));
        server.problems.put("task-6", new ArrayDeque<>(List.of(Problem.of(403, "forbidden", "task-6 is another host's"))));

        endingTogether(work("task-1", binary), List.of(work("task-2", binary), work("task-3", binary), work("task-4", binary),
                work("task-5", binary), work("task-6", binary)));

        assertThat(server.recorded).containsOnlyKeys("task-1", "task-2", "task-4");
        assertThat(server.batchesWith("task-4")).as("503: kept and sent again").isEqualTo(2);
        assertThat(server.batchesWith("task-3")).as("409: dropped at once").isEqualTo(1);
        assertThat(server.batchesWith("task-5")).as("404: dropped at once").isEqualTo(1);
        assertThat(server.batchesWith("task-6")).as("403: dropped at once").isEqualTo(1);
        assertThat(server.givenBack).isEmpty();
        assertThat(listing(temp.resolve("home/pending"))).isEmpty();
    }

    @Test
    void aBatchThatCouldNotGoKeepsItsResultAndIsSentAgainWithBackOff() throws Exception {
        InputRef binary = job("echo kept > kept.txt");
        server.batchFailures = 2;

        runner.run(work("task-1", binary));

        assertThat(server.batchTasks).containsExactly(List.of("task-1"), List.of("task-1"), List.of("task-1"));
        assertThat(server.recorded.get("task-1")).containsEntry("kept.txt", "kept\n");
        assertThat(listing(temp.resolve("home/pending"))).isEmpty();
    }

    @Test
    void aWorkerKilledWhileItsBatchIsOnItsWayDeliversTheResultAtItsNextStart() throws Exception {
        InputRef binary = job("echo kept > kept.txt");
        CountDownLatch neverAnswered = new CountDownLatch(1);
        server.holdFirst = neverAnswered;
        server.batchFailures = 1;
        Future<List<Assignment>> dying = slots.submit(() -> runner.run(work("task-1", binary)));
        assertThat(server.firstArrived.await(20, TimeUnit.SECONDS)).isTrue();
        // The worker dies here, its batch on its way: all it leaves is its home.
        assertThat(listing(temp.resolve("home/pending"))).as("kept on disk before it was sent").hasSize(1);

        BatchingServer later = new BatchingServer();
        runner(later, new StopSignal()).deliverKeptResults();

        assertThat(later.batchTasks).containsExactly(List.of("task-1"));
        assertThat(later.recorded.get("task-1")).containsEntry("kept.txt", "kept\n");
        assertThat(listing(temp.resolve("home/pending"))).isEmpty();
        stop.stop();
        neverAnswered.countDown();
        dying.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aResultTooLargeForABatchGoesAloneStreamed() throws Exception {
        server.protocol2 = true;
        InputRef binary = job("head -c " + (2 * ResultBatch.MAX_RESULT_BYTES) + " /dev/urandom > big.bin");

        runner.run(work("task-1", binary));

        assertThat(server.batchTasks).isEmpty();
        assertThat(server.completions).containsExactly("task-1 exit 0");
        assertThat(listing(temp.resolve("home/pending"))).isEmpty();
    }

    @Test
    void withAServerThatTakesNoBatchEachResultGoesAloneAsInProtocol2() throws Exception {
        server.protocol2 = true;
        server.batches = false;
        InputRef binary = job("echo small > small.txt");

        runner.run(work("task-1", binary));

        assertThat(server.batchTasks).isEmpty();
        assertThat(server.completions).containsExactly("task-1 exit 0");
        assertThat(server.resultZip).containsEntry("small.txt", "small\n");
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> entries(byte[] zip) {
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return entries;
    }
}
