package xtremweb.server.host;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.platform.Platform;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.WorkerProtocol;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.HostView;
import xtremweb.server.certification.Credits;
import xtremweb.server.db.Column;
import xtremweb.server.db.Jdbc;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.NotFound;
import xtremweb.server.user.Secrets;
import xtremweb.server.user.Sessions;
import xtremweb.server.user.UserRow;

/**
 * Registers worker hosts and resolves host tokens {@code xwh_<hostUid>.<secret>}: the server
 * keeps only the secret's SHA-256, and every worker call is made as the host's owner on behalf of
 * that one host.
 */
public final class HostService {
    public static final String TOKEN_PREFIX = HostToken.PREFIX;
    private static final Logger LOG = LoggerFactory.getLogger(HostService.class);
    private final Jdbc jdbc;
    private final HostRepository hosts;
    private final Sessions sessions;
    private final AccessPolicy policy;
    private final Clock clock;
    private final int alivePeriodSeconds;
    private final HostDirectory directory;

    public HostService(Jdbc jdbc, HostRepository hosts, Sessions sessions, AccessPolicy policy, Clock clock, int alivePeriodSeconds) {
        this.policy = policy;
        this.jdbc = jdbc;
        this.hosts = hosts;
        this.sessions = sessions;
        this.clock = clock;
        this.alivePeriodSeconds = alivePeriodSeconds;
        this.directory = new HostDirectory(jdbc, hosts, clock, alivePeriodSeconds);
    }

    public HostCredential register(Caller caller, HostRegistration request) {
        return register(caller, request, null);
    }

    /**
     * Registers a host; {@code pilot} (null for ordinary workers) marks it as a batch cluster's pilot
     * job whose credential ends at {@code pilot.credentialExpires()}.
     *
     * <p>A known {@code hostUid} keeps its UID, tasks and history only with proof that the caller is
     * that host: its current host token in {@code hostToken}. The worker account is shared by many
     * volunteers and host UIDs are listed to users, so without that proof anyone of the account could
     * take another volunteer's host over, its credential and its running tasks. A registration
     * without the proof leaves the known host untouched and registers a new host: an honest worker
     * that lost its token becomes a new host, an impostor gets nothing of the other's.
     */
    public HostCredential register(Caller caller, HostRegistration request, HostPilot pilot) {
        if (caller.hostUid() != null) {
            throw new Forbidden("register a host with a user token, not a host token");
        }
        Column.HOST_NAME.name("name", request.name());
        Column.HOST_OS.name("os", request.os());
        Column.HOST_CPU.name("cpu", request.cpu());
        Column.HOST_JAVA_VERSION.name("javaVersion", request.javaVersion());
        Inventories.checked("inventory.", request.inventory());
        String secret = Secrets.random(32);
        String hash = Secrets.sha256Hex(secret);
        String uid = jdbc.tx("register host", c -> {
            Optional<HostRow> named = request.hostUid() == null ? Optional.empty() : hosts.byUid(c, request.hostUid());
            if (named.isPresent() && !named.get().ownerUid().equals(caller.userUid())) {
                throw new Forbidden("host " + request.hostUid() + " belongs to another account; register without hostUid");
            }
            Optional<HostRow> known = named.filter(h -> provesToBe(request.hostToken(), h));
            HostRow row = row(caller, request, hash, pilot, known);
            // Conditional on the proven credential: of two registrations with the same token, one
            // keeps the UID and the other, whose proof is then stale, becomes a new host.
            if (known.isEmpty() || !hosts.update(c, row, known.get().credentialHash())) {
                row = row(caller, request, hash, pilot, Optional.empty());
                hosts.insert(c, row);
            }
            if (named.isPresent() && !named.get().uid().equals(row.uid())) {
                // Said for the operator (once committed): an honest worker that lost its files, or someone trying another's UID.
                String newUid = row.uid();
                Jdbc.afterCommit(() -> LOG.warn("'{}' registered naming host {} without its current host token: registered as"
                        + " new host {}, host {} left as it was", caller.login(), named.get().uid(), newUid, named.get().uid()));
            }
            if (request.inventory() != null) {
                hosts.saveInventory(c, row.uid(), request.inventory(), clock.instant());
            }
            return row.uid();
        });
        // A re-registration replaces the credential: the previous token must stop working now.
        sessions.callers().removeIf(c -> uid.equals(c.hostUid()));
        directory.forget(uid);
        // The newest worker protocol spoken here: a worker uses it, an older worker ignores it.
        return new HostCredential(uid, HostToken.of(uid, secret), alivePeriodSeconds, WorkerProtocol.CURRENT);
    }

    /** The host as registered: {@code known}'s UID, creation, switch and bench when it re-registers, new ones otherwise. */
    private HostRow row(Caller caller, HostRegistration request, String credentialHash, HostPilot pilot, Optional<HostRow> known) {
        return new HostRow(known.map(HostRow::uid).orElseGet(() -> UUID.randomUUID().toString()), request.name(),
                caller.userUid(), Platform.normaliseOs(request.os()), Platform.normaliseCpu(request.cpu()),
                request.cpuCount(), request.memoryBytes(), request.javaVersion(), credentialHash, clock.instant(), true,
                known.map(HostRow::created).orElse(clock.instant()), known.map(HostRow::enabled).orElse(true),
                request.diskBytes(), request.cpuSpeedMhz(), known.map(HostRow::benchedUntil).orElse(null), pilot);
    }

    private boolean provesToBe(String token, HostRow host) {
        return HostToken.parse(token).filter(t -> t.opens(host, clock.instant())).isPresent();
    }

    /**
     * {@code POST /api/v1/logout} with a host token: the token is revoked, as a user's is. The worker
     * must register again, and without a token that proves the host it does so as a new host.
     *
     * @return false when {@code token} is not a host token (a user's: the caller revokes it as such)
     */
    public boolean logout(String token) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            return false;
        }
        Optional<Caller> caller = resolve(token);
        if (caller.isEmpty()) {
            return true; // nothing to revoke: the token opens nothing already
        }
        String uid = caller.get().hostUid();
        jdbc.tx("revoke host token", c -> hosts.revokeCredential(c, uid, Secrets.sha256Hex(Secrets.random(32))));
        sessions.callers().removeIf(c -> uid.equals(c.hostUid()));
        directory.forget(uid);
        return true;
    }

    /** The caller of a host token resolved lately, from memory only. */
    public Optional<Caller> remembered(String token) {
        return HostToken.parse(token).flatMap(parsed -> sessions.callers().get(parsed.secretHash())
                .filter(cached -> parsed.hostUid().equals(cached.hostUid())));
    }

    public Optional<Caller> resolve(String token) {
        Optional<HostToken> parsed = HostToken.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        String hostUid = parsed.get().hostUid();
        String hash = parsed.get().secretHash();
        // Same memory as user tokens: a polling host costs no database read per call.
        Optional<Caller> cached = sessions.callers().get(hash);
        if (cached.isPresent() && hostUid.equals(cached.get().hostUid())) {
            return cached;
        }
        Optional<HostRow> host = jdbc.tx("find host", c -> hosts.byUid(c, hostUid));
        Instant now = clock.instant();
        if (host.isEmpty() || !parsed.get().opens(host.get(), now)) {
            return Optional.empty();
        }
        Optional<Caller> caller = sessions.user(host.get().ownerUid()).map(u ->
                new Caller(u.uid(), u.login(), u.rights(), u.usergroupUid(), hostUid));
        HostPilot pilot = host.get().pilot();
        // A pilot's credential must stop working at its end, not up to a cache period later.
        caller.ifPresent(c -> {
            if (pilot == null) {
                sessions.callers().put(hash, c);
            } else {
                sessions.callers().put(hash, c, pilot.credentialExpires());
            }
        });
        return caller;
    }

    /** The hosts the caller manages (its own; all for a SUPER_USER), with their owners' logins. */
    public List<HostView> list(Caller caller) {
        Map<String, Double> credits = new HashMap<>();
        List<HostRepository.Listed> listed = jdbc.tx("list hosts", c -> {
            credits.putAll(Credits.ofHosts(c));
            return hosts.allWithOwnerLogins(c);
        });
        Instant aliveSince = aliveSince();
        return listed.stream()
                .filter(l -> policy.mayManageHost(caller, l.host().ownerUid()))
                .map(l -> l.host().view(l.ownerLogin(), aliveSince).withCredit(credits.getOrDefault(l.host().uid(), 0.0))).toList();
    }

    /** One host as listed, with its owner's login. */
    public HostView view(HostRow host) {
        return host.view(sessions.user(host.ownerUid()).map(UserRow::login).orElse(null), aliveSince());
    }

    /** Seen since then: alive, as the grid's census counts hosts (three alive periods). */
    private Instant aliveSince() {
        return clock.instant().minusSeconds(3L * alivePeriodSeconds);
    }

    /**
     * xwactivate on|off: a disabled host gets no work until it is enabled again, from the moment this
     * returns (its waiting work requests end with no work; the jobs it runs go on).
     */
    public HostRow activate(Caller caller, String uidOrName, boolean enabled) {
        HostRow host = jdbc.tx("find host", c -> {
            Optional<HostRow> byUid = hosts.byUid(c, uidOrName);
            if (byUid.isPresent()) {
                return byUid;
            }
            List<HostRow> named = hosts.byName(c, uidOrName).stream().filter(h -> policy.mayManageHost(caller, h.ownerUid())).toList();
            if (named.size() > 1) {
                throw new Conflict(named.size() + " hosts are named '" + uidOrName + "'; give the host UID (see xwworkers)");
            }
            return named.stream().findFirst();
        }).filter(h -> policy.mayManageHost(caller, h.ownerUid())).orElseThrow(() -> new NotFound("not-found",
                "no host '" + uidOrName + "' you manage; list them with xwworkers"));
        // Committed before the answer: from then on every claim for this host, here or on another
        // server, reads the row and refuses it; the waiting requests of the host end now.
        jdbc.tx("activate host", c -> hosts.setEnabled(c, host.uid(), enabled));
        if (enabled) {
            directory.forget(host.uid());
        } else {
            directory.withdraw(host.uid());
        }
        return find(host.uid()).orElseThrow();
    }

    public Optional<HostRow> find(String uid) {
        return jdbc.tx("find host", c -> hosts.byUid(c, uid));
    }

    /** What the host's worker last said about its machine (OS version, CPU model, memory, free disk...). */
    public Optional<xtremweb.common.wire.HostInventory> inventory(String uid) {
        return jdbc.tx("host inventory", c -> hosts.inventory(c, uid));
    }

    /** The hosts as the scheduler reads them on every work request: from memory. */
    public HostDirectory directory() {
        return directory;
    }

    public HostRepository repository() {
        return hosts;
    }
}
