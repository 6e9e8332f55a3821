package xtremweb.common.wire;

/**
 * The worker protocol's versions. The server says which it speaks at registration
 * ({@link HostCredential#protocol()}); a worker uses the newest both speak, so workers of a
 * volunteer grid, upgraded long after their server, keep working, and a new worker keeps working
 * with an old server.
 *
 * <ul>
 *   <li>1: a work request claims one work; the result upload ({@code PUT .../result}) and the
 *       COMPLETED report ({@code POST .../status}) are two calls.</li>
 *   <li>2: a work request may claim up to {@code slots} works in one transaction; a result upload
 *       with {@code ?exitCode=} is also the COMPLETED report (one call, one transaction), and with
 *       {@code &next=N} its answer ({@link ResultReceipt}) carries the host's next works.</li>
 *   <li>3: {@code POST /api/v1/worker/results} ({@link ResultBatch}) carries the small results of
 *       several tasks, each also its COMPLETED report, and claims the next works: one exchange for
 *       the jobs of a multi-slot worker that ended together.</li>
 * </ul>
 */
public final class WorkerProtocol {
    public static final int V1 = 1;
    public static final int V2 = 2;
    public static final int V3 = 3;
    /** The newest this code speaks. */
    public static final int CURRENT = V3;

    private WorkerProtocol() {
    }
}
