package xtremweb.client.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.config.ConfigException;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.platform.Platform;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.GroupingCreate;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.HostActivation;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.RightsChange;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.UsergroupCreate;
import xtremweb.common.wire.UsergroupView;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkBatchResult;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * A logged-in conversation with one XtremWeb server, in the manual's vocabulary. Errors surface as
 * {@link XwApiException} (the server refused) or {@code XwConnectException} (no server, wrong certificate).
 */
public final class XwClient {
    /** Files at least this large are uploaded resumably (the server then hashes them from disk). */
    static final long RESUMABLE_FROM = 8L * 1024 * 1024;
    static final int TRANSFER_ATTEMPTS = 5;
    private volatile XwHttpClient.Progress progress = XwHttpClient.Progress.NONE;
    private static final Logger LOG = LoggerFactory.getLogger(XwClient.class);
    private static final String API = "/api/v1";
    /** The manual's --xwclientloopdelay default: how long a waiting client sleeps between two polls. */
    public static final Duration DEFAULT_LOOP_DELAY = Duration.ofSeconds(1);

    private final XwHttpClient http;
    private final String login;
    private final String password;
    private TokenResponse session;
    private volatile Duration loopDelay = DEFAULT_LOOP_DELAY;

    public XwClient(XwHttpClient http, String login, String password) {
        this.http = http;
        this.login = login;
        this.password = password;
    }

    /** A client for the configured server, not logged in yet. */
    public static XwClient open(ClientSettings settings) {
        var certificates = readCertificates(settings);
        XwHttpClient http = new XwHttpClient(XwHttpClient.serverUri(settings.host(), settings.port()), certificates);
        return new XwClient(http, settings.login(), settings.password());
    }

    /**
     * A client for the configured server, logged in; a server it cannot reach is reported with the
     * configuration key to fix and the file it is in.
     */
    public static XwClient openLoggedIn(ClientSettings settings) {
        XwClient client = open(settings);
        try {
            client.logIn();
        } catch (XwConnectException e) {
            throw ServerAddressHelp.explain(e, settings);
        }
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
        return http.base();
    }

    public String login() {
        return login;
    }

    /** Logs in with the configured login and password; a refusal names the login, never the password. */
    public TokenResponse logIn() {
        try {
            session = http.post(API + "/login", new LoginRequest(login, password), TokenResponse.class);
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

    /**
     * A long-running client (xwresult --xwwait, a macro) outlives its token: on the first 401 it
     * logs in again, once per refused call; if that fails too, the user is told in one sentence.
     */
    private synchronized String logInAgain() {
        LOG.debug("the server refused the token of '{}' (expired or revoked); logging in again", login);
        http.token(null);
        try {
            return logIn().token();
        } catch (XwApiException e) {
            if (e.status() == 401) {
                throw new XwApiException(401, e.code(), "the server no longer accepts the session of '" + login
                        + "' (token expired or revoked) and logging in again was refused: the password changed"
                        + " or the user was removed");
            }
            throw e;
        }
    }

    /** The delay between two polls of a waiting client (--xwclientloopdelay); zero polls without pause. */
    public void loopDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the client loop delay must be zero or more, not " + delay.toMillis() + " ms");
        }
        this.loopDelay = delay;
    }

    public UserView me() {
        return http.get(API + "/users/me", UserView.class);
    }

    /**
     * Uploads a file as a data object: describes it with its size and SHA-256 (computed here, so
     * the server can refuse a damaged transfer), then streams its content.
     */
    public DataView uploadData(String name, String type, String os, String cpu, Path file) {
        return uploadData(name, type, os, cpu, file, null);
    }

    /** The same with access rights ({@code 0x700}, {@code go-rwx}...; null: public, the manual's default for data). */
    public DataView uploadData(String name, String type, String os, String cpu, Path file, String accessRights) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read the file " + file);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String sha256 = Digests.sha256(file);
        DataCreate create = new DataCreate(name, type, os == null ? null : Platform.normaliseOs(os),
                cpu == null ? null : Platform.normaliseCpu(cpu), size, sha256, accessRights);
        DataView described = http.post(API + "/datas", create, DataView.class);
        LOG.debug("uploading {} ({} bytes, SHA-256 {}) as data {}", file, size, sha256, described.uid());
        if (size < RESUMABLE_FROM) {
            return http.upload(API + "/datas/" + described.uid() + "/content", file, Map.of("X-XW-SHA256", sha256), DataView.class);
        }
        return uploadResuming(described.uid(), file, size);
    }

    /**
     * Sends a large file as one resumable piece; when the connection breaks, asks the server how
     * much arrived and sends the rest, a few times before giving up.
     */
    private DataView uploadResuming(String uid, Path file, long size) {
        String content = API + "/datas/" + uid + "/content";
        long offset = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return http.uploadPiece(content, file, offset, size, Map.of(), DataView.class, progress);
            } catch (XwConnectException e) {
                if (attempt >= TRANSFER_ATTEMPTS) {
                    throw e;
                }
                LOG.info("upload of {} broke off ({}); resuming", file, e.getMessage());
                offset = http.get(API + "/datas/" + uid + "/upload-offset", UploadOffset.class).offset();
            }
        }
    }

    /** {@code GET /datas/{uid}/upload-offset}. */
    record UploadOffset(long offset) {
    }

    /** Shows transfers (a progress bar on a terminal); none by default. */
    public void progress(XwHttpClient.Progress progress) {
        this.progress = progress;
    }

    /**
     * Registers data that lives at an http(s) URI: read once here for its size and SHA-256, which
     * workers and clients check on every copy; the server stores no bytes.
     */
    public DataView registerExternalData(String name, String type, String os, String cpu, String uri) {
        return registerExternalData(name, type, os, cpu, uri, null);
    }

    /** The same with access rights (null: public). */
    public DataView registerExternalData(String name, String type, String os, String cpu, String uri, String accessRights) {
        ExternalData.Measured measured = ExternalData.measure(uri);
        return http.post(API + "/datas", new DataCreate(name, type, os == null ? null : Platform.normaliseOs(os),
                cpu == null ? null : Platform.normaliseCpu(cpu), measured.size(), measured.sha256(), accessRights, uri),
                DataView.class);
    }

    /** Downloads a data wherever it lives: from this server (resuming), or from its http(s) URI. */
    public void download(DataView data, Path target) {
        if (data.uri() != null && ExternalData.isUri(data.uri())) {
            ExternalData.download(data.uri(), data.sha256(), target);
        } else {
            downloadData(data.uid(), target);
        }
    }

    /** Marks a data deleted; the server removes it once no live work refers to it. */
    public void deleteData(String uid) {
        http.delete(API + "/datas/" + Uids.require(uid));
    }

    /** Uploads a binary and inserts it as the app's binary for that OS and CPU. */
    public AppView insertApp(String name, String cpu, String os, Path binary) {
        return insertApp(name, cpu, os, binary, null);
    }

    /**
     * The same with access rights that narrow what the inserter's level gives (e.g. {@code 0x750}, a
     * group app, by an ADVANCED_USER); null takes that default. The binary's data gets them too.
     */
    public AppView insertApp(String name, String cpu, String os, Path binary, String accessRights) {
        String normalCpu = Platform.normaliseCpu(cpu);
        String normalOs = Platform.normaliseOs(os);
        // Validate the app before uploading a possibly large binary.
        new AppCreate(name, normalCpu, normalOs, "pending", accessRights);
        DataView data = uploadData(name, "BINARY", normalOs, normalCpu, binary, accessRights);
        return http.post(API + "/apps", new AppCreate(name, normalCpu, normalOs, data.uid(), accessRights), AppView.class);
    }

    public List<AppView> listApps() {
        return http.get(API + "/apps", new TypeReference<List<AppView>>() { });
    }

    public AppView getApp(String uidOrName) {
        return http.get(API + "/apps/" + segment(uidOrName), AppView.class);
    }

    public WorkView submitWork(WorkSubmit submit) {
        return http.post(API + "/works", submit, WorkView.class);
    }

    /**
     * Submits many jobs sharing {@code common} (a parameter sweep) in as few requests as the
     * server's body limit allows; returns the new works' UIDs in the jobs' order. Each request is
     * all or nothing; should a later one be refused, the UIDs of the earlier ones are in the error.
     */
    public List<String> submitWorks(WorkSubmit common, List<WorkBatch.Job> jobs) {
        List<String> uids = new ArrayList<>(jobs.size());
        for (List<WorkBatch.Job> batch : Batches.split(jobs, Batches.JOB_BYTES, WorkBatch.MAX_JOBS)) {
            try {
                uids.addAll(http.post(API + "/works/batch", new WorkBatch(common, batch), WorkBatchResult.class).uids());
            } catch (XwApiException e) {
                if (uids.isEmpty()) {
                    throw e;
                }
                throw new XwApiException(e.status(), e.code(), e.getMessage() + "; the " + uids.size()
                        + " works submitted before stay: " + String.join(" ", uids));
            }
        }
        return uids;
    }

    /** The caller's works (all for a SUPER_USER), narrowed to a status, a session and a group when given. */
    public List<WorkView> listWorks(Optional<WorkStatus> status, Optional<String> sessionUid, Optional<String> groupUid) {
        List<String> query = new ArrayList<>();
        status.ifPresent(s -> query.add("status=" + s.name()));
        sessionUid.ifPresent(s -> query.add("session=" + segment(s)));
        groupUid.ifPresent(g -> query.add("group=" + segment(g)));
        return http.get(API + "/works" + (query.isEmpty() ? "" : "?" + String.join("&", query)),
                new TypeReference<List<WorkView>>() { });
    }

    public List<WorkView> listWorks(Optional<WorkStatus> status) {
        return listWorks(status, Optional.empty(), Optional.empty());
    }

    /** Creates a session (private) and returns it. */
    public GroupingView createSession(String name) {
        return http.post(API + "/sessions", new GroupingCreate(name), GroupingView.class);
    }

    public List<GroupingView> listSessions() {
        return http.get(API + "/sessions", new TypeReference<List<GroupingView>>() { });
    }

    /** Creates a group of works (private) and returns it. */
    public GroupingView createGroup(String name) {
        return http.post(API + "/groups", new GroupingCreate(name), GroupingView.class);
    }

    public List<GroupingView> listGroups() {
        return http.get(API + "/groups", new TypeReference<List<GroupingView>>() { });
    }

    public WorkView getWork(String uid) {
        return http.get(API + "/works/" + Uids.require(uid), WorkView.class);
    }

    public void deleteWork(String uid) {
        http.delete(API + "/works/" + Uids.require(uid));
    }

    /**
     * Polls the work every loop delay (one second unless set) until it is COMPLETED or ERROR, or {@code timeout} has passed;
     * returns its last known state either way.
     */
    public WorkView awaitFinal(String uid, Duration timeout, Clock clock) {
        Instant deadline = clock.instant().plus(timeout);
        WorkView work = getWork(uid);
        while (!work.status().isFinal() && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(loopDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return work;
            }
            work = getWork(uid);
        }
        return work;
    }

    public List<DataView> listDatas() {
        return http.get(API + "/datas", new TypeReference<List<DataView>>() { });
    }

    public DataView getData(String uid) {
        return http.get(API + "/datas/" + Uids.require(uid), DataView.class);
    }

    /**
     * Streams a data's content into {@code target} through a {@code .part} file, resuming where a
     * cut connection (or an earlier run) stopped, and checking the SHA-256 before the rename.
     */
    public void downloadData(String uid, Path target) {
        http.downloadResuming(API + "/datas/" + Uids.require(uid) + "/content", target, TRANSFER_ATTEMPTS, progress);
    }

    /** Creates a user (SUPER_USER only on the server side). */
    public UserView createUser(UserCreate create) {
        return http.post(API + "/users", create, UserView.class);
    }

    public List<UserView> listUsers() {
        return http.get(API + "/users", new TypeReference<List<UserView>>() { });
    }

    public UsergroupView createUsergroup(String label) {
        return http.post(API + "/usergroups", new UsergroupCreate(label), UsergroupView.class);
    }

    public List<UsergroupView> listUsergroups() {
        return http.get(API + "/usergroups", new TypeReference<List<UsergroupView>>() { });
    }

    public List<HostView> listHosts() {
        return http.get(API + "/hosts", new TypeReference<List<HostView>>() { });
    }

    /** The tasks (attempts of works on hosts) the caller may see: of its works and its hosts, all for a SUPER_USER. */
    public List<TaskView> listTasks() {
        return http.get(API + "/tasks", new TypeReference<List<TaskView>>() { });
    }

    /** Switches a host (UID or name) on or off; a host switched off gets no work. */
    public HostView activateHost(String uidOrName, boolean enabled) {
        return http.put(API + "/hosts/" + segment(uidOrName) + "/activation", new HostActivation(enabled), HostView.class);
    }

    /** The kinds of objects a UID may name, in the order they are looked for. */
    private static final List<String> COLLECTIONS = List.of("works", "datas", "apps", "sessions", "groups", "users", "usergroups");

    /**
     * Changes the access rights of the work, data, app, session or group with this UID (or xw://
     * URI); returns the kind found and its new rights, e.g. {@code "work 0x750"}.
     */
    public String chmod(String uidOrUri, String rights) {
        String uid = Uids.require(uidOrUri);
        for (String collection : COLLECTIONS.subList(0, 5)) {
            try {
                Map<?, ?> changed = http.put(API + "/" + collection + "/" + uid + "/rights", new RightsChange(rights), Map.class);
                return singular(collection) + " " + changed.get("accessRights");
            } catch (XwApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        throw new XwApiException(404, "not-found", "no work, data, app, session or group " + uid + " visible to you");
    }

    /** Deletes the object with this UID (or xw:// URI), whatever its kind; returns the kind. */
    public String remove(String uidOrUri) {
        String uid = Uids.require(uidOrUri);
        for (String collection : COLLECTIONS) {
            try {
                http.delete(API + "/" + collection + "/" + uid);
                return singular(collection);
            } catch (XwApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        throw new XwApiException(404, "not-found", "no work, data, app, session, group, user or user group " + uid
                + " visible to you");
    }

    private static String singular(String collection) {
        return switch (collection) {
            case "datas" -> "data";
            case "usergroups" -> "user group";
            default -> collection.substring(0, collection.length() - 1);
        };
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
