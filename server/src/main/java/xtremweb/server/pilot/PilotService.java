package xtremweb.server.pilot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.platform.Platform;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.PilotDemand;
import xtremweb.common.wire.PilotGrant;
import xtremweb.common.wire.PilotGrantRequest;
import xtremweb.common.wire.PilotRegistration;
import xtremweb.server.db.Column;
import xtremweb.server.db.Jdbc;
import xtremweb.server.host.HostPilot;
import xtremweb.server.host.HostService;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.InvalidInput;
import xtremweb.server.refusal.Unauthenticated;
import xtremweb.server.user.Secrets;
import xtremweb.server.user.Sessions;
import xtremweb.server.user.UserRow;

/**
 * Pilot jobs on the server's side. A bridge, logged in as a worker identity, asks for a grant: a
 * random registration token ({@code xwp_...}, only its SHA-256 is kept) for a number of pilots.
 * Each pilot exchanges it once for a host credential of that same identity, which ends with the
 * pilot's lifetime. The password stays on the bridge's machine; what reaches the cluster opens
 * nothing but a registration, for a bounded number of hosts and a bounded time.
 */
public final class PilotService {
    private static final Logger LOG = LoggerFactory.getLogger(PilotService.class);
    public static final String TOKEN_PREFIX = "xwp_";
    static final int MAX_PILOTS = 10_000;
    static final Duration MIN_TIME = Duration.ofMinutes(1);
    static final Duration MAX_TIME = Duration.ofDays(7);
    // Grants nobody can use any more are kept this long (for whoever investigates), then deleted.
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final Jdbc jdbc;
    private final PilotGrantRepository grants = new PilotGrantRepository();
    private final PendingDemand demand = new PendingDemand();
    private final HostService hosts;
    private final Sessions sessions;
    private final AccessPolicy policy;
    private final Clock clock;

    public PilotService(Jdbc jdbc, HostService hosts, Sessions sessions, AccessPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.hosts = hosts;
        this.sessions = sessions;
        this.policy = policy;
        this.clock = clock;
    }

    /** {@code POST /api/v1/pilots}: a registration token for {@code request.pilots()} pilots of the caller's identity. */
    public PilotGrant grant(Caller caller, PilotGrantRequest request) {
        if (!policy.mayRequestPilots(caller)) {
            throw new Forbidden(caller.hostUid() != null ? "ask for pilots with the bridge account's user token, not a host token"
                    : "account '" + caller.login() + "' (" + caller.rights() + ") may not run works, so it may not run pilots;"
                    + " give the bridge a WORKER_USER account (or the account whose own works the pilots should run)");
        }
        Column.PILOT_CLUSTER.name("cluster", request.cluster());
        if (request.pilots() < 1 || request.pilots() > MAX_PILOTS) {
            throw new InvalidInput("pilots must be 1 to " + MAX_PILOTS + ", not " + request.pilots());
        }
        Duration lifetime = seconds("lifetimeSeconds", request.lifetimeSeconds());
        Duration registerWithin = seconds("registerWithinSeconds", request.registerWithinSeconds());
        String token = TOKEN_PREFIX + Secrets.random(32);
        Instant now = clock.instant();
        Instant registerBefore = now.plus(registerWithin);
        jdbc.tx("store pilot grant", c -> {
            grants.deleteExpired(c, now.minus(KEEP_EXPIRED));
            grants.insert(c, new PilotGrantRow(Secrets.sha256Hex(token), caller.userUid(), request.cluster(), request.pilots(), 0,
                    registerBefore, lifetime.toSeconds(), now));
            return null;
        });
        LOG.info("pilot grant for '{}' on cluster '{}': {} pilot(s), registering before {}, living {} s each", caller.login(),
                request.cluster(), request.pilots(), registerBefore, lifetime.toSeconds());
        return new PilotGrant(token, request.cluster(), request.pilots(), registerBefore, lifetime.toSeconds());
    }

    private static Duration seconds(String field, long value) {
        if (value < MIN_TIME.toSeconds() || value > MAX_TIME.toSeconds()) {
            throw new InvalidInput(field + " must be " + MIN_TIME.toSeconds() + " to " + MAX_TIME.toSeconds() + " seconds, not " + value);
        }
        return Duration.ofSeconds(value);
    }

    /**
     * {@code POST /api/v1/pilots/register}: the pilot's grant token for a host credential of the
     * bridge's identity, ending with the pilot's lifetime. The identity is checked again now: an
     * account deleted or lowered since the grant registers nothing.
     */
    public HostCredential register(String grantToken, PilotRegistration registration) {
        if (grantToken == null || !grantToken.startsWith(TOKEN_PREFIX)) {
            throw new Unauthenticated("a pilot registers with the grant token its bridge gave it (xwp_...)");
        }
        Column.HOST_PILOT_JOB.name("jobId", registration.jobId());
        String hash = Secrets.sha256Hex(grantToken);
        Instant now = clock.instant();
        PilotGrantRow grant = jdbc.tx("take pilot registration", c -> {
            Optional<PilotGrantRow> row = grants.byHash(c, hash);
            if (row.isEmpty() || !grants.takeRegistration(c, hash, now)) {
                return null;
            }
            return row.get();
        });
        if (grant == null) {
            throw new Unauthenticated("this pilot grant is unknown, used up or expired; the bridge submits new pilots with a new grant");
        }
        Caller owner = sessions.user(grant.ownerUid()).map(UserRow::caller).filter(policy::mayRequestPilots)
                .orElseThrow(() -> new Unauthenticated("the account that asked for this pilot grant was removed or may no longer"
                        + " run works; fix the bridge's account"));
        Instant expires = now.plusSeconds(grant.lifetimeSeconds());
        HostCredential credential = hosts.register(owner, registration.host(), new HostPilot(grant.cluster(), registration.jobId(), expires));
        LOG.info("pilot {} of cluster '{}' registered as host {} of '{}' until {}", registration.jobId(), grant.cluster(),
                credential.hostUid(), owner.login(), expires);
        return credential;
    }

    /** {@code GET /api/v1/pilots/demand}: how many pending works a worker of the caller's identity could run on os/cpu. */
    public PilotDemand demand(Caller caller, String os, String cpu) {
        if (!policy.mayRequestPilots(caller)) {
            throw new Forbidden("account '" + caller.login() + "' (" + caller.rights() + ") may not run works; ask with the"
                    + " bridge's worker account");
        }
        if (os == null || cpu == null) {
            throw new InvalidInput("give the pilots' platform: ?os=linux&cpu=amd64");
        }
        String normalOs = Platform.normaliseOs(Column.BINARY_OS.name("os", os));
        String normalCpu = Platform.normaliseCpu(Column.BINARY_CPU.name("cpu", cpu));
        long pending = jdbc.tx("count pilot demand", c -> demand.shares(c, normalOs, normalCpu)).stream()
                .filter(share -> policy.mayRun(caller, share.owned())).mapToLong(PendingDemand.Share::pending).sum();
        return new PilotDemand(caller.login(), policy.workerScope(caller).name(), normalOs, normalCpu, pending);
    }
}
