package xtremweb.client.api;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.config.ConfigException;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserView;
import xtremweb.common.x509.Credential;
import xtremweb.common.x509.CredentialFiles;

/**
 * A logged-in conversation with one XtremWeb server, in the manual's vocabulary: this class logs in
 * (and in again when the token expires); what can be done is in one part per kind of object
 * ({@link #works()}, {@link #data()}, {@link #apps()}, {@link #sessions()}, {@link #groups()},
 * {@link #admin()}, {@link #hosts()}, {@link #pilots()}, {@link #anyKind()}), shared by the command line and the GUI.
 * Errors surface as {@link XwApiException} (the server refused) or {@code XwConnectException} (no
 * server, wrong certificate).
 */
public final class XwClient {
    private static final Logger LOG = LoggerFactory.getLogger(XwClient.class);
    /** The manual's --xwclientloopdelay default: how long a waiting client sleeps between two polls. */
    public static final Duration DEFAULT_LOOP_DELAY = Duration.ofSeconds(1);

    private final Connection connection;
    private volatile String login;
    private final String password;
    private final Credential credential;
    private volatile TokenResponse session;
    private final Works works;
    private final Data data;
    private final Apps apps;
    private final Groupings sessions;
    private final Groupings groups;
    private final Admin admin;
    private final Hosts hosts;
    private final Pilots pilots;
    private final AnyKind anyKind;

    public XwClient(XwHttpClient http, String login, String password) {
        this(http, login, password, null);
    }

    private XwClient(XwHttpClient http, String login, String password, Credential credential) {
        this.connection = new Connection(http);
        this.login = login;
        this.password = password;
        this.credential = credential;
        this.works = new Works(connection);
        this.data = new Data(connection);
        this.apps = new Apps(connection, data);
        this.sessions = new Groupings(connection, "sessions");
        this.groups = new Groupings(connection, "groups");
        this.admin = new Admin(connection);
        this.hosts = new Hosts(connection);
        this.pilots = new Pilots(connection);
        this.anyKind = new AnyKind(connection);
    }

    /**
     * A client for the configured server, not logged in yet. With a certificate in the settings, its
     * files are read now; an encrypted key cannot be (no passphrase is asked): use
     * {@link #open(ClientSettings, CredentialFiles.Passphrase)}.
     */
    public static XwClient open(ClientSettings settings) {
        return open(settings, CredentialFiles.Passphrase.none());
    }

    /** The same; the passphrase of an encrypted key is asked through {@code passphrase} (a terminal, a dialog). */
    public static XwClient open(ClientSettings settings, CredentialFiles.Passphrase passphrase) {
        return open(settings, settings.certificate().map(files -> files.read(passphrase)).orElse(null));
    }

    private static XwClient open(ClientSettings settings, Credential credential) {
        var certificates = readCertificates(settings);
        XwHttpClient http = new XwHttpClient(XwHttpClient.serverUris(settings.host(), settings.port()), certificates, credential);
        // Every call, not only the log-in: a server that goes away later (the GUI open for hours, a
        // long xwresult --xwwait) is reported with what to fix where the user set the address.
        http.advise(e -> ServerAddressHelp.explain(e, settings));
        return new XwClient(http, settings.login(), settings.password(), credential);
    }

    /**
     * A client for the configured server, logged in; a server it cannot reach is reported with the
     * configuration key to fix and the file it is in.
     */
    public static XwClient openLoggedIn(ClientSettings settings) {
        return loggedIn(open(settings), settings);
    }

    /** The same, asking an encrypted key's passphrase through {@code passphrase}. */
    public static XwClient openLoggedIn(ClientSettings settings, CredentialFiles.Passphrase passphrase) {
        return loggedIn(open(settings, passphrase), settings);
    }

    /**
     * A client for the server of {@code settings}, logged in with {@code credential} (read with
     * {@link CredentialFiles#read}, a proxy, a host certificate) instead of a login and password:
     * the certificate login of the GUI. The private key signs the TLS handshake and never leaves
     * this process; a refusal is an {@link XwApiException} (401 or 403) whose message says why in
     * one sentence (expired, revoked, not registered...).
     */
    public static XwClient openLoggedIn(ClientSettings settings, Credential credential) {
        return loggedIn(open(settings, credential), settings);
    }

    private static XwClient loggedIn(XwClient client, ClientSettings settings) {
        client.logIn();
        return client;
    }

    private static List<X509Certificate> readCertificates(ClientSettings settings) {
        try {
            return PinnedTrust.readPem(settings.certFile());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + " (key 'path.certfile' in " + settings.source() + ")", e);
        }
    }

    public URI server() {
        return connection.http.base();
    }

    /** The login: as configured, or, after a certificate login, the one the server mapped the certificate to. */
    public String login() {
        return login;
    }

    /** The certificate this client logs in with, if any. */
    public Optional<Credential> credential() {
        return Optional.ofNullable(credential);
    }

    /**
     * Logs in with the configured login and password, or with the certificate; a refusal names the
     * login or the certificate, never the password.
     */
    public TokenResponse logIn() {
        XwHttpClient http = connection.http;
        if (credential != null) {
            return logInWithCertificate(http);
        }
        try {
            session = http.post(Connection.API + "/login", new LoginRequest(login, password), TokenResponse.class);
        } catch (XwApiException e) {
            if (e.status() == 401) {
                throw new XwApiException(401, e.code(), "login refused for '" + login + "': wrong login or password");
            }
            throw e;
        }
        http.token(session.token());
        http.tokenRenewal(this::logInAgain);
        LOG.debug("logged in to {} as {} ({}), token expires {}", http.base(), login, session.rights(), session.expires());
        return session;
    }

    private TokenResponse logInWithCertificate(XwHttpClient http) {
        try {
            // No body: the server takes the identity from this connection's TLS handshake alone.
            session = http.post(Connection.API + "/login/certificate", Map.of(), TokenResponse.class);
        } catch (XwApiException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new XwApiException(e.status(), e.code(), "certificate login refused: " + e.getMessage());
            }
            throw e;
        }
        login = session.login();
        http.token(session.token());
        http.tokenRenewal(this::logInAgain);
        LOG.debug("logged in to {} with the certificate of {} as {} ({}), token expires {}", http.base(), credential.identity(),
                login, session.rights(), session.expires());
        return session;
    }

    /**
     * A long-running client (xwresult --xwwait, a macro) outlives its token: on the first 401 it
     * logs in again, once per refused call; if that fails too, the user is told in one sentence.
     */
    private synchronized String logInAgain() {
        LOG.debug("the server refused the token of '{}' (expired or revoked); logging in again", login);
        connection.http.token(null);
        try {
            return logIn().token();
        } catch (XwApiException e) {
            if (credential != null && (e.status() == 401 || e.status() == 403)) {
                throw new XwApiException(e.status(), e.code(), "the server no longer accepts the session of '" + login
                        + "' (token expired or revoked) and logging in again was refused: " + e.getMessage());
            }
            if (e.status() == 401) {
                throw new XwApiException(401, e.code(), "the server no longer accepts the session of '" + login
                        + "' (token expired or revoked) and logging in again was refused: the password changed"
                        + " or the user was removed");
            }
            throw e;
        }
    }

    /** Ends the session: the server revokes the token (and this client no longer logs in again by itself). */
    public void logOut() {
        XwHttpClient http = connection.http;
        http.tokenRenewal(null);
        http.postNoContent(Connection.API + "/logout", java.util.Map.of());
        http.token(null);
    }

    /** The delay between two polls of a waiting client (--xwclientloopdelay); zero polls without pause. */
    public void loopDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the client loop delay must be zero or more, not " + delay.toMillis() + " ms");
        }
        connection.loopDelay = delay;
    }

    /**
     * Where a waiting call (xwresult --xwwait) says in one line that the server cannot be reached and
     * that it keeps waiting, and that the server answers again; nowhere by default.
     */
    public void notices(java.util.function.Consumer<String> notices) {
        connection.notices = java.util.Objects.requireNonNull(notices);
    }

    /**
     * Makes {@code call} (a download of a waited-for result, say) again while the server cannot be
     * reached, until {@code deadline}, saying so through the {@link #notices}; then throws, saying
     * that nothing is lost and to ask again.
     */
    public <T> T throughOutages(java.util.function.Supplier<T> call, java.time.Instant deadline, java.time.Clock clock) {
        return Outages.waitThrough(connection, call, deadline, clock);
    }

    /** Shows transfers (a progress bar on a terminal); none by default. */
    public void progress(XwHttpClient.Progress progress) {
        connection.progress = progress;
    }

    public UserView me() {
        return connection.http.get(Connection.API + "/users/me", UserView.class);
    }

    public Works works() {
        return works;
    }

    public Data data() {
        return data;
    }

    public Apps apps() {
        return apps;
    }

    public Groupings sessions() {
        return sessions;
    }

    public Groupings groups() {
        return groups;
    }

    public Admin admin() {
        return admin;
    }

    public Hosts hosts() {
        return hosts;
    }

    /** Pilot jobs: the demand a bridge sizes its pilots by, and their grants. */
    public Pilots pilots() {
        return pilots;
    }

    /** Objects named by a UID alone, whatever their kind (xwchmod, xwrm). */
    public AnyKind anyKind() {
        return anyKind;
    }
}
