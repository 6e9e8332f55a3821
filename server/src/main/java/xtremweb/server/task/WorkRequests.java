package xtremweb.server.task;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.server.db.Jdbc;
import xtremweb.server.policy.Caller;

/**
 * Where the worker calls send work requests: the scheduler. It depends on this package (a claim
 * inserts the task row), so the worker calls registered here reach it through this interface, not
 * its class, and the two packages stay free of a cycle.
 */
public interface WorkRequests {
    /**
     * Answers a work request, holding it until a matching work is pending; nothing for a worker that
     * hung up while it waited ({@code hangUpWatch} starts watching and answers whether it did, called
     * only if the request has to wait).
     */
    WorkResponse request(Caller caller, WorkRequest request, Supplier<BooleanSupplier> hangUpWatch) throws InterruptedException;

    /** Claims at once, without waiting, the next works of a host that has just returned a result. */
    WorkResponse next(Caller caller, WorkRequest request);

    /**
     * Runs {@code first} (a result being recorded) and claims the host's next works as
     * {@link #next} does, in the same transaction: one durable commit for both. {@code first}
     * answering false or throwing claims nothing. {@code hostSucceeded}: {@code first} ended a job of
     * the host well, so its run of failures ends in the same transaction (when {@code first} answers
     * true), by the statement that locks the host's row for the claim when there is one. Written
     * through {@link xtremweb.server.db.Writes}, {@code first} may be committed with other hosts'
     * results and claims in one group commit.
     */
    default WithNext nextAfter(Caller caller, WorkRequest request, String what, Jdbc.Writing<Boolean> first,
                               boolean hostSucceeded) {
        return nextAfter(caller, request, what, first, hostSucceeded, 1);
    }

    /**
     * As {@link #nextAfter(Caller, WorkRequest, String, Jdbc.Writing, boolean)} for a {@code first} that
     * ends {@code ending} tasks of the host (one result: 1; several results at once: as many): their
     * slots count as free for the claim under the host's cap ({@code host.maxTasks}).
     */
    WithNext nextAfter(Caller caller, WorkRequest request, String what, Jdbc.Writing<Boolean> first, boolean hostSucceeded,
                       int ending);

    /** What {@code first} answered, and the next works (none: how long to wait before asking). */
    record WithNext(boolean done, WorkResponse next) {
    }
}
