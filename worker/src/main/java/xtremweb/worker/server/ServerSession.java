package xtremweb.worker.server;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.Goodbye;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.WorkerProtocol;
import xtremweb.common.x509.CredentialException;

/**
 * The worker's authenticated link to the server. Logs in with the worker account, registers the host
 * (keeping its UID across restarts) and then sends the host token on every worker call; a 401 on
 * that token (expired, revoked) triggers one new log-in and registration under the same host UID.
 * A login the server refuses (the account was deleted or its password changed) stops the worker:
 * retrying could never succeed.
 *
 * <p>Two HTTP clients, because a client's bearer token is shared by all threads: the account token
 * must never leak into a job thread's call while the host is re-registering.
 */
public final class ServerSession {
    private static final Logger LOG = LoggerFactory.getLogger(ServerSession.class);
    private static final int DEFAULT_ALIVE_PERIOD_SECONDS = 60;

    private final XwHttpClient accountHttp;
    private final XwHttpClient hostHttp;
    private final String login;
    private final Registrar registrar;
    private volatile java.util.function.UnaryOperator<xtremweb.common.wire.HostRegistration> describe = r -> r;
    private final HostIdentityFile identityFile;
    private final StopSignal stop;
    private volatile HostIdentity identity;
    private volatile Refusal refusal;
    private volatile int alivePeriodSeconds = DEFAULT_ALIVE_PERIOD_SECONDS;
    private volatile java.util.function.Supplier<xtremweb.common.wire.HostInventory> inventory = () -> null;
    private volatile String hostName = HostFacts.machineName();
    private volatile int maxProtocol = WorkerProtocol.CURRENT;
    private volatile int protocol = WorkerProtocol.V1;
    private volatile UnaryOperator<XwConnectException> advice = UnaryOperator.identity();

    /** The newest worker protocol this worker may use ({@code worker.protocol}; the newest it speaks by default). */
    public void maxProtocol(int newest) {
        maxProtocol = Math.max(WorkerProtocol.V1, Math.min(newest, WorkerProtocol.CURRENT));
    }

    /**
     * The worker protocol in use: the newest both this worker and the server speak, as the server
     * said at registration (1 with a server that said nothing, or before registering).
     */
    public int protocol() {
        return protocol;
    }

    /**
     * The server did not take a protocol-2 call as one (a server downgraded since the registration):
     * protocol 1 from now on; the next registration asks again.
     */
    public void fallBackToProtocol1(String why) {
        if (protocol != WorkerProtocol.V1) {
            protocol = WorkerProtocol.V1;
            LOG.warn("the server at {} does not speak worker protocol 2 any more ({}); using protocol 1", server(), why);
        }
    }

    /**
     * The server did not take a protocol-3 call (a server downgraded since the registration answers
     * 404 to {@code POST /api/v1/worker/results}): protocol 2 from now on; the next registration asks again.
     */
    public void fallBackToProtocol2(String why) {
        // One batch at a time meets the 404 (ResultUplink), so one WARN.
        if (protocol > WorkerProtocol.V2) {
            protocol = WorkerProtocol.V2;
            LOG.warn("the server at {} does not speak worker protocol 3 any more ({}); using protocol 2", server(), why);
        }
    }

    /** The name the host registers under ({@code host.name}); the machine's name by default. */
    public void hostName(String name) {
        hostName = name;
    }

    /** Where the machine's description sent at registration and with heartbeats comes from. */
    public void inventory(java.util.function.Supplier<xtremweb.common.wire.HostInventory> source) {
        inventory = source;
    }

    /** The machine's description now, or null when the worker has none to give. */
    public xtremweb.common.wire.HostInventory inventory() {
        return inventory.get();
    }

    public ServerSession(URI server, List<X509Certificate> pinned, String login, String password,
                         HostIdentityFile identityFile, StopSignal stop) {
        this(List.of(server), pinned, login, password, identityFile, stop);
    }

    /** @param servers the grid's servers ({@code dispatcher.servers}): calls move to the next when one fails */
    public ServerSession(List<URI> servers, List<X509Certificate> pinned, String login, String password,
                         HostIdentityFile identityFile, StopSignal stop) {
        this(servers, pinned, login, Registrar.account(login, password), identityFile, stop);
    }

    /** @param who how log lines name the registering identity (the login, or a pilot's grant) */
    public ServerSession(URI server, List<X509Certificate> pinned, String who, Registrar registrar,
                         HostIdentityFile identityFile, StopSignal stop) {
        this(List.of(server), pinned, who, registrar, identityFile, stop);
    }

    public ServerSession(List<URI> servers, List<X509Certificate> pinned, String who, Registrar registrar,
                         HostIdentityFile identityFile, StopSignal stop) {
        this.accountHttp = new XwHttpClient(servers, pinned, null);
        this.hostHttp = new XwHttpClient(servers, pinned, null);
        this.login = who;
        this.registrar = registrar;
        this.identityFile = identityFile;
        this.stop = stop;
        this.identity = identityFile.load().orElse(null);
    }

    /**
     * Failures to reach the server name what to fix where the worker's address was configured
     * (the configuration file, with its key): every call of this session, the log-in included.
     */
    public void advise(UnaryOperator<XwConnectException> howToFix) {
        advice = howToFix;
        accountHttp.advise(howToFix);
        hostHttp.advise(howToFix);
    }

    /** Adjusts what the host declares at registration (a pilot declares the CPUs its batch job got, not the node's). */
    public void describeHost(java.util.function.UnaryOperator<xtremweb.common.wire.HostRegistration> adjust) {
        describe = adjust;
    }

    public URI server() {
        return hostHttp.base();
    }

    public Optional<String> hostUid() {
        HostIdentity current = identity;
        return current == null ? Optional.empty() : Optional.of(current.hostUid());
    }

    public int alivePeriodSeconds() {
        return alivePeriodSeconds;
    }

    /** The server's latest wish (register, heartbeat and work answers carry it); non-positive values are ignored. */
    public void alivePeriodSeconds(int seconds) {
        if (seconds > 0) {
            alivePeriodSeconds = seconds;
        }
    }

    /**
     * The server refused the worker's login for good (401): the account was deleted or its password
     * changed. Retrying cannot help; the administrator has to act.
     */
    public record Refusal(String login, URI server, String detail) {
    }

    /** Set once the server refused the login for good; the worker is stopping then. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /**
     * Logs in and registers, retrying with capped back-off while the server is unreachable or refuses
     * the registration. Returns false when the worker is stopping, and when the server refuses the
     * login itself ({@link #refusal()}; the stop signal is then raised, so every loop of the worker ends).
     */
    public boolean connect() {
        Backoff backoff = new Backoff();
        while (!stop.stopping()) {
            try {
                register();
                return true;
            } catch (Registrar.Refused e) {
                // Said once, by whoever stops the worker: an account that was deleted stays deleted.
                refusal = new Refusal(login, accountHttp.base(), e.getMessage());
                stop.stop();
                return false;
            } catch (XwConnectException e) {
                // A certificate log-in calls through a client of its own: advised here.
                LOG.warn("{}", Backoff.retrying(advice.apply(e).getMessage(), backoff.next()));
            } catch (XwApiException e) {
                LOG.error("the server at {} refused the host registration of login '{}' (HTTP {} {}): {}; retrying in {} s",
                        accountHttp.base(), login, e.status(), e.code(), e.getMessage(), backoff.next().toSeconds());
            } catch (CredentialException e) {
                // The host certificate's files are read at each log-in: one being replaced may be unreadable for a moment.
                LOG.error("cannot use the host certificate: {}; retrying in {} s", e.getMessage(), backoff.next().toSeconds());
            }
            // next() above already advanced; pause for the delay just announced
            if (!stop.pause(backoff.current())) {
                return false;
            }
        }
        return false;
    }

    /**
     * One worker call with the host token. A 401 renews the credential once (log-in + registration)
     * and repeats the call; other failures go to the caller.
     */
    public <T> T call(Function<XwHttpClient, T> call) {
        HostIdentity used = identity;
        if (used == null) {
            throw new IllegalStateException("call before the host registered");
        }
        try {
            return call.apply(hostHttp);
        } catch (XwApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            renew(used);
            return call.apply(hostHttp);
        }
    }

    /**
     * Tells the server this worker stops: its waiting work request ends with no work, and the works of
     * its tasks go back to the queue at once, except {@code keptTaskUids} (results kept on disk for a
     * later delivery). Best effort, within {@code timeout}: a server that does not hear it re-queues
     * the works when their leases expire. Returns whether the server heard it.
     */
    public boolean goodbye(List<String> keptTaskUids, Duration timeout) {
        if (identity == null || refusal != null) {
            return false;
        }
        try {
            hostHttp.postNoContent("/api/v1/worker/goodbye", new Goodbye(keptTaskUids), timeout);
            return true;
        } catch (XwConnectException | XwApiException e) {
            LOG.warn("could not say goodbye to the server at {} ({}); it re-queues this host's works when their leases expire",
                    server(), e.getMessage());
            return false;
        }
    }

    private synchronized void renew(HostIdentity refused) {
        if (identity != refused) {
            return; // another thread renewed it meanwhile
        }
        LOG.info("the server no longer accepts the token of host {} (401); logging in again as '{}'", refused.hostUid(), login);
        if (!connect()) {
            throw new XwConnectException("the worker is stopping", null);
        }
    }

    /**
     * Registers through the account's client: the server it names is the one that answered (the
     * account client moves on from a server that is down; the host client follows at its first call).
     */
    private synchronized void register() {
        HostIdentity previous = identity;
        HostCredential credential = registrar.register(accountHttp,
                describe.apply(HostFacts.registration(hostName, previous, inventory.get())));
        HostIdentity fresh = new HostIdentity(credential.hostUid(), credential.hostToken());
        identityFile.save(fresh);
        hostHttp.token(fresh.hostToken());
        identity = fresh;
        alivePeriodSeconds(credential.alivePeriodSeconds());
        protocol = Math.min(maxProtocol, credential.serverProtocol());
        LOG.info("worker registered as host {} named '{}' with the server at {} (login '{}', alive period {} s, worker protocol {})",
                fresh.hostUid(), hostName, accountHttp.base(), login, alivePeriodSeconds, protocol);
        if (previous != null && !previous.hostUid().equals(fresh.hostUid())) {
            // Results kept for the old host's tasks are refused (403) when delivered and then dropped.
            LOG.warn("the server gave a new host UID {} instead of {} (the old host belongs to another account, was removed,"
                    + " or no longer takes this worker's host token)", fresh.hostUid(), previous.hostUid());
        }
    }
}
