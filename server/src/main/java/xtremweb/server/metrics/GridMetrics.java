package xtremweb.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The grid's own measures, behind plain method calls: the scheduler and the services say what
 * happened ({@link #dispatched}, {@link #completed}...) and never touch Micrometer. Every name
 * starts with {@code xtremweb.}, which the Prometheus registry writes {@code xtremweb_..._total}.
 * Each call is an atomic add or a histogram bucket: nothing here blocks or reads the database.
 */
public final class GridMetrics {
    /** Why a work ended in ERROR. */
    public enum Failure {
        /** The worker reported it could not run the job, or the job broke its limits. */
        REPORTED,
        /** Its hosts vanished more than {@code work.maxRetry} times. */
        RETRIES_EXHAUSTED,
        /** The work was deleted while it ran. */
        CANCELLED
    }

    // Buckets for waits that range from milliseconds on an idle grid to hours behind a long queue.
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(60),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24)};
    private static final Duration[] CLAIM_BUCKETS = {Duration.ofNanos(250_000), Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofSeconds(1)};

    private final MeterRegistry registry;
    private final Counter submitted;
    private final Counter dispatched;
    private final Counter completed;
    private final Counter[] failed = new Counter[Failure.values().length];
    private final Counter leasesExpired;
    private final Counter retried;
    private final Counter givenBack;
    private final Counter resultBytes;
    private final io.micrometer.core.instrument.DistributionSummary resultBatches;
    private final Counter bytesToClients;
    private final Counter bytesToWorkers;
    private final Counter loginFailures;
    private final Counter loginsThrottled;
    private final Timer dispatchLatency;
    private final Timer claimTime;

    public GridMetrics(MeterRegistry registry) {
        this.registry = registry;
        submitted = counter("xtremweb.works.submitted", "works accepted by this server");
        dispatched = counter("xtremweb.works.dispatched", "works given to a host (one per task)");
        completed = counter("xtremweb.works.completed", "works that ended COMPLETED (whatever their exit code)");
        for (Failure f : Failure.values()) {
            failed[f.ordinal()] = Counter.builder("xtremweb.works.failed").description("works that ended in ERROR, by cause")
                    .tag("cause", f.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
        leasesExpired = counter("xtremweb.tasks.lost", "tasks whose host missed its lease (the reaper found them)");
        retried = counter("xtremweb.works.retried", "works given back to the queue after their host was lost");
        givenBack = counter("xtremweb.tasks.given.back", "tasks handed back unfinished, no retry counted: the owner took the"
                + " machine back, the worker stopped (goodbye), or the answer assigning the task never reached it");
        resultBytes = Counter.builder("xtremweb.results.received").baseUnit("bytes")
                .description("bytes of result archives uploaded by workers").register(registry);
        resultBatches = io.micrometer.core.instrument.DistributionSummary.builder("xtremweb.results.batched")
                .description("results per protocol-3 batch (POST /api/v1/worker/results): its count is the batches, its"
                        + " sum the results they carried").serviceLevelObjectives(1, 2, 4, 8, 16, 64).register(registry);
        bytesToClients = Counter.builder("xtremweb.data.sent").baseUnit("bytes").tag("to", "client")
                .description("bytes of data content sent (results, inputs, apps)").register(registry);
        bytesToWorkers = Counter.builder("xtremweb.data.sent").baseUnit("bytes").tag("to", "worker")
                .description("bytes of data content sent (results, inputs, apps)").register(registry);
        loginFailures = counter("xtremweb.logins.failed", "logins refused for a wrong login or password");
        loginsThrottled = counter("xtremweb.logins.throttled", "login attempts refused without checking (429: too many failures)");
        dispatchLatency = Timer.builder("xtremweb.dispatch.latency")
                .description("from a work's submission to its first assignment to a host")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        claimTime = Timer.builder("xtremweb.claim.time")
                .description("time to claim a work for a host: queue look-up and the conditional update")
                .serviceLevelObjectives(CLAIM_BUCKETS).register(registry);
    }

    /** Counts in memory only, for tests and for a server with {@code metrics.enabled=false}. */
    public static GridMetrics inMemory() {
        return new GridMetrics(new SimpleMeterRegistry());
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    public void submitted(int works) {
        submitted.increment(works);
    }

    /**
     * A work was given to a host. {@code sinceSubmission} is recorded for a first attempt only
     * (a retried work's wait would include its lost runs); {@code claimNanos} always.
     */
    public void dispatched(Duration sinceSubmission, boolean firstAttempt, long claimNanos) {
        dispatched.increment();
        if (firstAttempt) {
            dispatchLatency.record(sinceSubmission.isNegative() ? Duration.ZERO : sinceSubmission);
        }
        claimTime.record(claimNanos, TimeUnit.NANOSECONDS);
    }

    public void completed() {
        completed.increment();
    }

    public void failed(Failure cause) {
        failed[cause.ordinal()].increment();
    }

    /** A task's lease expired; {@code requeued} when its work went back to PENDING for another try. */
    public void leaseExpired(boolean requeued) {
        leasesExpired.increment();
        if (requeued) {
            retried.increment();
        }
    }

    public void givenBack() {
        givenBack.increment();
    }

    public void resultReceived(long bytes) {
        resultBytes.increment(bytes);
    }

    /** A batch of {@code results} results arrived in one exchange (worker protocol 3). */
    public void resultBatch(int results) {
        resultBatches.record(results);
    }

    public void sentToClient(long bytes) {
        bytesToClients.increment(bytes);
    }

    public void sentToWorker(long bytes) {
        bytesToWorkers.increment(bytes);
    }

    public void loginFailed() {
        loginFailures.increment();
    }

    public void loginThrottled() {
        loginsThrottled.increment();
    }

    /**
     * A certificate login: {@code outcome} is {@code accepted} or why it was refused ({@code expired},
     * {@code revoked}, {@code untrusted}, {@code not-registered}...; a handful of fixed words).
     */
    public void certificateLogin(String outcome) {
        Counter.builder("xtremweb.logins.certificate").description("certificate logins, by outcome (accepted or the refusal's reason)")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** A value read when scraped (a queue's length, say); {@code name} without the {@code xtremweb.} prefix. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder("xtremweb." + name, value).description(description).register(registry);
    }

    /** The running totals, for the status page's rates over time. */
    public Totals totals() {
        double failures = 0;
        for (Counter c : failed) {
            failures += c.count();
        }
        return new Totals((long) submitted.count(), (long) dispatched.count(), (long) completed.count(), (long) failures,
                (long) leasesExpired.count(), dispatchLatency.count(), (long) dispatchLatency.totalTime(TimeUnit.MILLISECONDS));
    }

    /** Counters since this server started; {@code latencyMillis} is the sum over {@code latencyCount} first dispatches. */
    public record Totals(long submitted, long dispatched, long completed, long failed, long lost, long latencyCount,
                         long latencyMillis) {
    }

    MeterRegistry registry() {
        return registry;
    }
}
