package xtremweb.server.http;

import java.time.Duration;
import xtremweb.common.wire.Problem;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.Elsewhere;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.InvalidInput;
import xtremweb.server.refusal.NotFound;
import xtremweb.server.refusal.RangeNotSatisfiable;
import xtremweb.server.refusal.Refusal;
import xtremweb.server.refusal.StorageFull;
import xtremweb.server.refusal.TooLarge;
import xtremweb.server.refusal.TooManyAttempts;
import xtremweb.server.refusal.Unauthenticated;
import xtremweb.server.refusal.Unavailable;
import xtremweb.server.refusal.Unprocessable;

/** The one table from a service's refusal to the HTTP answer: status and the headers that go with it. */
public final class ProblemTable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProblemTable.class);

    private ProblemTable() {
    }

    /**
     * The problem a call failing with {@code failure} is answered with, for an answer that carries
     * several outcomes (a batch of results: each item's problem is the one its lone call would have
     * had). A failure that is no refusal and no database outage is a bug: logged with an error id.
     */
    public static Problem of(Throwable failure, String what) {
        if (failure instanceof Refusal refusal) {
            return refusal instanceof Elsewhere elsewhere ? Problem.elsewhere(elsewhere.detail(), elsewhere.holder())
                    : Problem.of(status(refusal), refusal.code(), refusal.detail());
        }
        if (xtremweb.server.db.DatabaseOutage.is(failure)) {
            Unavailable outage = ApiHandler.databaseOutage();
            LOG.warn("{}: the database cannot be reached ({}); answered 503 {}", what, failure.getMessage(), outage.code());
            return Problem.of(503, outage.code(), outage.detail());
        }
        String errorId = Problems.newErrorId();
        LOG.error("error {}: {} failed", errorId, what, failure);
        return Problem.failure(Problems.failureDetail(errorId), errorId);
    }

    static int status(Refusal refusal) {
        return switch (refusal) {
            case InvalidInput r -> 400;
            case Unauthenticated r -> 401;
            case Forbidden r -> 403;
            case NotFound r -> 404;
            case Conflict r -> 409;
            case TooLarge r -> 413;
            case Elsewhere r -> 421;
            case RangeNotSatisfiable r -> 416;
            case Unprocessable r -> 422;
            case TooManyAttempts r -> 429;
            case Unavailable r -> 503;
            case StorageFull r -> 507;
        };
    }

    /** Seconds for a {@code Retry-After} header, or -1 when the refusal does not say when to come back. */
    static long retryAfterSeconds(Refusal refusal) {
        Duration after = switch (refusal) {
            case TooManyAttempts r -> r.retryAfter();
            case Unavailable r -> r.retryAfter();
            default -> null;
        };
        // Rounded up: a client that waits exactly this long must not be refused again.
        return after == null ? -1 : Math.max(1, (after.toMillis() + 999) / 1000);
    }
}
