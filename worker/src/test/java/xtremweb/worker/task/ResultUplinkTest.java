package xtremweb.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.Problem;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.ResultBatchReceipt;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.TaskResult;
import xtremweb.common.wire.TaskResultReceipt;
import xtremweb.common.wire.WorkResponse;

/** The uplink's batching rules, with a server that answers batches from memory. */
class ResultUplinkTest {
    private final ExecutorService slots = Executors.newCachedThreadPool();

    @AfterEach
    void stopSlots() {
        slots.shutdownNow();
    }

    /** Takes batches; the first call can be held (a batch on its way) until {@link #release()}. */
    private static final class Server implements TaskServer {
        final List<ResultBatch> batches = new CopyOnWriteArrayList<>();
        final List<Thread> callers = new CopyOnWriteArrayList<>();
        final CountDownLatch firstArrived = new CountDownLatch(1);
        private final CountDownLatch firstHeld;
        volatile Function<ResultBatch, Optional<ResultBatchReceipt>> answer = Server::recordAll;

        Server(boolean holdFirst) {
            firstHeld = new CountDownLatch(holdFirst ? 1 : 0);
        }

        void release() {
            firstHeld.countDown();
        }

        @Override
        public Optional<ResultBatchReceipt> uploadBatch(ResultBatch batch) {
            batches.add(batch);
            callers.add(Thread.currentThread());
            if (batches.size() == 1 && firstHeld.getCount() > 0) {
                firstArrived.countDown();
                try {
                    firstHeld.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return recordAll(batch);
            }
            return answer.apply(batch);
        }

        static Optional<ResultBatchReceipt> recordAll(ResultBatch batch) {
            return Optional.of(new ResultBatchReceipt(batch.results().stream().map(r -> recorded(r.taskUid())).toList(), null));
        }

        @Override
        public boolean takesBatches() {
            return true;
        }

        @Override
        public void downloadInput(String taskUid, String dataUid, Path target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void uploadResult(String taskUid, Path zip, String sha256) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void report(String taskUid, TaskReport report) {
            throw new UnsupportedOperationException();
        }

        final List<String> givenBack = new CopyOnWriteArrayList<>();

        @Override
        public void giveBack(String taskUid) {
            givenBack.add(taskUid);
        }
    }

    private static TaskResult result(String taskUid, int bytes) {
        return new TaskResult(taskUid, 0, "00".repeat(32), new byte[bytes]);
    }

    private static TaskResultReceipt recorded(String taskUid) {
        return new TaskResultReceipt(taskUid, new DataView("data-" + taskUid, "result.zip", null, null, null, 1L, null, null,
                null, null, null, null), null);
    }

    private static TaskResultReceipt refused(String taskUid, int status, String code) {
        return new TaskResultReceipt(taskUid, null, Problem.of(status, code, "refused (test)"));
    }

    private static Assignment work(String taskUid) {
        return new Assignment(taskUid, "work-" + taskUid, "app", List.of(), null, null, null, null);
    }

    private static List<String> tasksOf(ResultBatch batch) {
        return batch.results().stream().map(TaskResult::taskUid).toList();
    }

    /**
     * A first result's batch is on its way (held by the server) while {@code others} end: they are
     * sent once it is answered. Returns the others' outcomes, in their order.
     */
    private List<Future<Optional<TaskServer.Completion>>> whileABatchIsOnItsWay(ResultUplink uplink, Server server,
                                                                                 Map<TaskResult, Integer> others)
            throws Exception {
        Future<Optional<TaskServer.Completion>> first = slots.submit(() -> uplink.upload(result("task-1", 10), 0));
        assertThat(server.firstArrived.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<Optional<TaskServer.Completion>>> outcomes = new ArrayList<>();
        for (Map.Entry<TaskResult, Integer> other : others.entrySet()) {
            outcomes.add(slots.submit(() -> uplink.upload(other.getKey(), other.getValue())));
            await(() -> uplink.waiting() == outcomes.size());
        }
        server.release();
        assertThat(first.get(10, TimeUnit.SECONDS)).isPresent();
        return outcomes;
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await("condition met in time").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }

    @Test
    void anIdleWorkersResultGoesAtOnceInABatchOfItsOwnWithoutWaiting() {
        Server server = new Server(false);
        server.answer = batch -> Optional.of(new ResultBatchReceipt(List.of(recorded("task-1")),
                new WorkResponse(null, 0, 60, List.of(work("task-9")))));
        ResultUplink uplink = new ResultUplink(server);

        Optional<TaskServer.Completion> done = uplink.upload(result("task-1", 10), 1);

        assertThat(server.batches).singleElement().satisfies(b -> {
            assertThat(tasksOf(b)).containsExactly("task-1");
            assertThat(b.next()).isEqualTo(1);
        });
        assertThat(server.callers).as("sent by the slot itself: no hand-over, no timer").containsExactly(Thread.currentThread());
        assertThat(done).hasValueSatisfying(c -> {
            assertThat(c.reported()).isTrue();
            assertThat(c.next()).containsExactly(work("task-9"));
        });
    }

    @Test
    void resultsEndingWhileABatchIsOnItsWayGoTogetherInTheNextOne() throws Exception {
        Server server = new Server(true);
        ResultUplink uplink = new ResultUplink(server);
        server.answer = batch -> Optional.of(new ResultBatchReceipt(batch.results().stream().map(r -> recorded(r.taskUid())).toList(),
                new WorkResponse(null, 0, 60, List.of(work("task-8"), work("task-9")))));
        Map<TaskResult, Integer> others = new java.util.LinkedHashMap<>();
        others.put(result("task-2", 10), 1);
        others.put(result("task-3", 10), 0);
        others.put(result("task-4", 10), 1);

        List<Future<Optional<TaskServer.Completion>>> outcomes = whileABatchIsOnItsWay(uplink, server, others);

        assertThat(outcomes.get(0).get(10, TimeUnit.SECONDS)).hasValueSatisfying(c ->
                assertThat(c.next()).containsExactly(work("task-8")));
        assertThat(outcomes.get(1).get(10, TimeUnit.SECONDS)).hasValueSatisfying(c -> assertThat(c.next()).isEmpty());
        assertThat(outcomes.get(2).get(10, TimeUnit.SECONDS)).hasValueSatisfying(c ->
                assertThat(c.next()).containsExactly(work("task-9")));
        assertThat(server.batches).hasSize(2);
        assertThat(tasksOf(server.batches.get(1))).as("one exchange for the three").containsExactly("task-2", "task-3", "task-4");
        assertThat(server.batches.get(1).next()).as("the slots that want a next work").isEqualTo(2);
    }

    @Test
    void eachSlotGetsItsOwnReceiptAndTheNextWorksGoInTheBatchsOrder() throws Exception {
        Server server = new Server(true);
        ResultUplink uplink = new ResultUplink(server);
        server.answer = batch -> Optional.of(new ResultBatchReceipt(List.of(recorded("task-2"),
                refused("task-3", 409, "conflict"), refused("task-4", 422, "checksum-mismatch"), recorded("task-5"),
                recorded("task-6")), new WorkResponse(null, 0, 60, List.of(work("task-9")))));
        Map<TaskResult, Integer> others = new java.util.LinkedHashMap<>();
        others.put(result("task-2", 10), 0);
        others.put(result("task-3", 10), 1);
        others.put(result("task-4", 10), 1);
        others.put(result("task-5", 10), 1);
        others.put(result("task-6", 10), 1);

        List<Future<Optional<TaskServer.Completion>>> outcomes = whileABatchIsOnItsWay(uplink, server, others);

        assertThat(outcomes.get(0).get(10, TimeUnit.SECONDS)).hasValueSatisfying(c -> assertThat(c.reported()).isTrue());
        assertThat(failure(outcomes.get(1))).isInstanceOfSatisfying(XwApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("conflict");
        });
        assertThat(failure(outcomes.get(2))).isInstanceOfSatisfying(XwApiException.class, e ->
                assertThat(e.code()).isEqualTo("checksum-mismatch"));
        assertThat(outcomes.get(3).get(10, TimeUnit.SECONDS)).as("the first recorded slot that asked")
                .hasValueSatisfying(c -> assertThat(c.next()).containsExactly(work("task-9")));
        assertThat(outcomes.get(4).get(10, TimeUnit.SECONDS)).as("none left: back to the work requests")
                .hasValueSatisfying(c -> assertThat(c.next()).isEmpty());
    }

    /** The server claims the batch's next works even for refused results: a refused slot drops its task and runs none of them. */
    @Test
    void worksClaimedForASlotWhoseResultWasRefusedAreGivenBackAtOnce() throws Exception {
        Server server = new Server(true);
        ResultUplink uplink = new ResultUplink(server);
        server.answer = batch -> Optional.of(new ResultBatchReceipt(List.of(refused("task-2", 409, "conflict"),
                recorded("task-3")), new WorkResponse(null, 0, 60, List.of(work("task-8"), work("task-9")))));
        Map<TaskResult, Integer> others = new java.util.LinkedHashMap<>();
        others.put(result("task-2", 10), 1);
        others.put(result("task-3", 10), 1);

        List<Future<Optional<TaskServer.Completion>>> outcomes = whileABatchIsOnItsWay(uplink, server, others);

        assertThat(failure(outcomes.get(0))).isInstanceOf(XwApiException.class);
        assertThat(outcomes.get(1).get(10, TimeUnit.SECONDS)).hasValueSatisfying(c ->
                assertThat(c.next()).containsExactly(work("task-8")));
        assertThat(server.givenBack).as("not left to a lease that runs out").containsExactly("task-9");
    }

    @Test
    void aFailureOfTheWholeExchangeGoesToEverySlotOfTheBatch() throws Exception {
        Server server = new Server(true);
        ResultUplink uplink = new ResultUplink(server);
        XwConnectException cut = new XwConnectException("connection reset (test)", null);
        server.answer = batch -> {
            throw cut;
        };
        Map<TaskResult, Integer> others = new java.util.LinkedHashMap<>();
        others.put(result("task-2", 10), 1);
        others.put(result("task-3", 10), 0);

        List<Future<Optional<TaskServer.Completion>>> outcomes = whileABatchIsOnItsWay(uplink, server, others);

        assertThat(failure(outcomes.get(0))).isSameAs(cut);
        assertThat(failure(outcomes.get(1))).isSameAs(cut);
        server.answer = Server::recordAll;
        assertThat(uplink.upload(result("task-2", 10), 1)).as("the way is free again").isPresent();
    }

    @Test
    void aServerThatTakesNoBatchGetsEachResultAlone() {
        Server server = new Server(false);
        ResultUplink uplink = new ResultUplink(server);
        server.answer = batch -> Optional.empty();

        assertThat(uplink.upload(result("task-1", 10), 1)).isEmpty();
    }

    @Test
    void aBatchTheServerRefusesAsAWholeGoesResultByResult() {
        Server server = new Server(false);
        ResultUplink uplink = new ResultUplink(server);
        server.answer = batch -> {
            throw new XwApiException(400, "bad-request", "malformed batch (test)");
        };

        assertThat(uplink.upload(result("task-1", 10), 1)).isEmpty();
    }

    @Test
    void aBatchCarriesNoMoreBytesThanItsLimit() throws Exception {
        Server server = new Server(true);
        ResultUplink uplink = new ResultUplink(server);
        Map<TaskResult, Integer> others = new java.util.LinkedHashMap<>();
        int size = 60 * 1024;
        for (int i = 2; i <= 10; i++) {
            others.put(result("task-" + i, size), 0);
        }

        for (Future<Optional<TaskServer.Completion>> outcome : whileABatchIsOnItsWay(uplink, server, others)) {
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isPresent();
        }

        assertThat(server.batches).extracting(b -> b.results().size()).containsExactly(1, ResultBatch.MAX_BATCH_BYTES / size, 1);
    }

    private static Throwable failure(Future<?> outcome) throws InterruptedException, java.util.concurrent.TimeoutException {
        try {
            outcome.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the slot got no failure");
    }
}
