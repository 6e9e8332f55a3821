package xtremweb.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import xtremweb.common.json.Json;
import xtremweb.common.model.DataStatus;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.GroupingCreate;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.Problem;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkBatchResult;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/** A minimal stand-in for the server's API over real HTTPS, with a self-signed certificate made by keytool. */
final class FakeServer implements AutoCloseable {
    static final String PASSWORD = "pw";

    /** The one valid token; {@link #expireToken()} replaces it, as an expiry or a revocation would. */
    private volatile String token = "token-1";
    /** Bob's password; changing it makes logging in again fail, as for a removed user. */
    volatile String password = PASSWORD;
    final java.util.concurrent.atomic.AtomicInteger logins = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger workReads = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger awaitCalls = new java.util.concurrent.atomic.AtomicInteger();
    /** Data records read ({@code GET /datas/{uid}}), contents sent whole, and contents not sent (304, the client held them). */
    /** The {@code Expect} header of each content upload, "null" when there was none. */
    final List<String> uploadExpects = new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger dataReads = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger contentSends = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger notModified = new java.util.concurrent.atomic.AtomicInteger();
    /** False: a server from before listings had pages, which ignores {@code after} and answers the first page again. */
    /** How many of the next calls on works are cut before any answer, as a server killed mid-call cuts them. */
    final java.util.concurrent.atomic.AtomicInteger cutWorkCalls = new java.util.concurrent.atomic.AtomicInteger();
    /** POST /works/batch calls are cut (no answer, nothing inserted) once this many batches were taken. */
    final java.util.concurrent.atomic.AtomicInteger cutBatchesAfter = new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);
    /** How many of the next waits (POST /works/await, GET /works/UID?waitSeconds=) to refuse with 429 too-many-waits, as a caller over its long polls is. */
    final java.util.concurrent.atomic.AtomicInteger busyAwaits = new java.util.concurrent.atomic.AtomicInteger();
    /** The same for the next calls on data (a result's download). */
    final java.util.concurrent.atomic.AtomicInteger cutDataCalls = new java.util.concurrent.atomic.AtomicInteger();
    /** The same for the next deletions of works (xwresult erasing a work once its result is safe). */
    final java.util.concurrent.atomic.AtomicInteger cutWorkDeletions = new java.util.concurrent.atomic.AtomicInteger();
    /** How many of the next deletions of works are done, then cut before the answer (the server killed after its commit). */
    final java.util.concurrent.atomic.AtomicInteger cutAfterWorkDeletions = new java.util.concurrent.atomic.AtomicInteger();
    /** How many of the next logins are answered 503 database-unavailable, as a server whose database is down answers them. */
    final java.util.concurrent.atomic.AtomicInteger unavailableLogins = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * How many of the next creations (201 answers) are made, then cut before the answer, as a
     * server killed after its commit cuts them; the client sends them again.
     */
    final java.util.concurrent.atomic.AtomicInteger cutAfterCreations = new java.util.concurrent.atomic.AtomicInteger();
    /** The first answer to each request named by an Idempotency-Key: a repetition gets it again, as from the real server. */
    final Map<String, byte[]> firstAnswers = new ConcurrentHashMap<>();
    /** Creating requests that carried an Idempotency-Key, repetitions included, each with its key. */
    final List<String> keysReceived = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean pagesListings = true;
    /** False: a server from before POST /works/await, which answers it 405 as the real one did. */
    volatile boolean awaitsMany = true;
    /** {@code POST /datas/contents} calls answered, and whether this server knows that call (older ones do not). */
    final java.util.concurrent.atomic.AtomicInteger contentsCalls = new java.util.concurrent.atomic.AtomicInteger();
    volatile boolean sendsContents = true;

    final Map<String, DataView> datas = new ConcurrentHashMap<>();
    final Map<String, byte[]> contents = new ConcurrentHashMap<>();
    final Map<String, WorkView> works = new ConcurrentHashMap<>();
    /** Every submission received, as sent. */
    final List<WorkSubmit> submitted = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Works erased (as another xwresult of their owner erases them) as soon as a listing has named them. */
    final java.util.Set<String> erasedOnceListed = ConcurrentHashMap.newKeySet();
    final Map<String, GroupingView> sessions = new ConcurrentHashMap<>();
    final List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Batches of more jobs than this are refused as 413 too-many-copies (an app whose replication makes too many rows). */
    volatile int mostJobsWithTheirCopies = Integer.MAX_VALUE;
    final List<String> deleted = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> deletedDatas = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<xtremweb.common.wire.HostView> hosts = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<xtremweb.common.wire.TaskView> tasks = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<xtremweb.common.wire.AppCreate> apps = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Apps asking for other rights than these are refused (403), as a STANDARD_USER's; null: none refused. */
    volatile String appRightsAtMost;
    /** How many works DELETE /apps/{uid} says ended with the app. */
    volatile int appWorksEnded;
    final List<xtremweb.common.wire.UserCreate> users = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What the listings of users, user groups and apps answer. */
    final List<UserView> listedUsers = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<xtremweb.common.wire.UsergroupView> listedUsergroups = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<xtremweb.common.wire.AppView> listedApps = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Path pem;
    private final HttpsServer server;
    private final ObjectMapper json = Json.mapper();

    /** While set, an app's creation waits for it to be counted down, as a slow server keeps it. */
    volatile java.util.concurrent.CountDownLatch appCreationsHeld;
    /** Whether a held app's creation makes the app (listed by GET /apps/{name}) before it is held: its answer is what is late. */
    volatile boolean appMadeBeforeHeld;
    /** Counted down by each app's creation that arrives. */
    final java.util.concurrent.CountDownLatch appCreationArrived = new java.util.concurrent.CountDownLatch(1);

    FakeServer(Path dir) throws Exception {
        this(dir, false);
    }

    /** {@code concurrently}: calls are answered on several threads, so one held call does not hold the others. */
    FakeServer(Path dir, boolean concurrently) throws Exception {
        Path keystore = dir.resolve("server.p12");
        pem = dir.resolve("server.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        exec(keytool, "-genkeypair", "-alias", "xw", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        exec(keytool, "-exportcert", "-rfc", "-alias", "xw", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/api/v1/", this::handle);
        if (concurrently) {
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        }
        server.start();
    }

    private static boolean awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            return latch.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
    }

    /** The token handed out so far stops working, as when it expires or is revoked. */
    void expireToken() {
        token = "token-" + UUID.randomUUID();
    }

    URI uri() {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    /** Stores a result zip for the work and marks it COMPLETED with the exit code. */
    void complete(String workUid, Path zip, int exitCode) throws IOException {
        DataView result = store(new DataCreate("result.zip", "ZIP", null, null, null, null, null), Files.readAllBytes(zip));
        works.computeIfPresent(workUid, (k, w) -> new WorkView(w.uid(), w.appUid(), w.appName(), w.ownerUid(), w.label(),
                w.args(), WorkStatus.COMPLETED, exitCode, null, w.stdinDataUid(), w.envDataUid(), result.uid(),
                w.accessRights(), 0, w.submitted(), Instant.now()).withOwnerLogin(w.ownerLogin()));
    }

    void fail(String workUid, String reason) {
        works.computeIfPresent(workUid, (k, w) -> new WorkView(w.uid(), w.appUid(), w.appName(), w.ownerUid(), w.label(),
                w.args(), WorkStatus.ERROR, null, reason, w.stdinDataUid(), w.envDataUid(), null,
                w.accessRights(), 0, w.submitted(), Instant.now()).withOwnerLogin(w.ownerLogin()));
    }

    private DataView store(DataCreate create, byte[] content) {
        String uid = UUID.randomUUID().toString();
        String sha = content == null ? null : sha256(content);
        DataView view = new DataView(uid, create.name(), create.type(), create.os(), create.cpu(),
                content == null ? create.size() : (long) content.length, content == null ? create.sha256() : sha,
                content == null ? DataStatus.UNAVAILABLE : DataStatus.AVAILABLE,
                create.accessRights() == null ? "0x755" : create.accessRights(), "u1", "xw://localhost/" + uid,
                Instant.now());
        datas.put(uid, view);
        if (content != null) {
            contents.put(uid, content);
        }
        return view;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring("/api/v1".length());
            String query = exchange.getRequestURI().getQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/works/batch") && batchSizes.size() >= cutBatchesAfter.get()
                    || path.startsWith("/works") && cutWorkCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    || path.startsWith("/datas") && cutDataCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    || path.startsWith("/works/") && method.equals("DELETE")
                    && cutWorkDeletions.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // Escapes the handler: the JDK server then closes the connection without an answer.
                throw new IllegalStateException("cut as a killed server cuts it");
            }
            if (path.equals("/login") && unavailableLogins.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                problem(exchange, 503, "database-unavailable", "the server cannot reach its database just now (stopped or"
                        + " restarting): send it again after Retry-After");
                return;
            }
            if (path.equals("/login")) {
                LoginRequest login = json.readValue(body, LoginRequest.class);
                if (!password.equals(login.password())) {
                    problem(exchange, 401, "unauthenticated", "wrong login or password");
                    return;
                }
                logins.incrementAndGet();
                send(exchange, 200, new TokenResponse(token, Instant.now().plusSeconds(3600), "u1", login.login(),
                        UserRights.STANDARD_USER));
                return;
            }
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problem(exchange, 401, "unauthenticated", "log in first");
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (method.equals("POST") && key != null) {
                keysReceived.add(key);
                byte[] first = firstAnswers.get(key);
                if (first != null) {
                    // A repetition: answered with what the first one created, nothing created again.
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(201, first.length);
                    exchange.getResponseBody().write(first);
                    return;
                }
            }
            String[] parts = path.substring(1).split("/");
            switch (method + " " + parts[0] + "/" + parts.length) {
                case "GET users/2" -> {
                    if (parts[1].equals("me") || parts[1].equals("u1")) {
                        send(exchange, 200, new UserView("u1", "bob", null, UserRights.STANDARD_USER, null));
                        return;
                    }
                    found(exchange, listedUsers.stream().filter(u -> u.uid().equals(parts[1])).findFirst().orElse(null),
                            "user-not-found");
                }
                case "GET usergroups/2" -> found(exchange,
                        listedUsergroups.stream().filter(g -> g.uid().equals(parts[1])).findFirst().orElse(null), "usergroup-not-found");
                case "POST datas/1" -> send(exchange, 201, store(json.readValue(body, DataCreate.class), null));
                case "PUT datas/3" -> {
                    if (!parts[2].equals("content") || !datas.containsKey(parts[1])) {
                        problem(exchange, 404, "data-not-found", "no data " + parts[1] + " visible to you; list yours with xwdatas");
                        return;
                    }
                    uploadExpects.add(String.valueOf(exchange.getRequestHeaders().getFirst("Expect")));
                    DataView d = datas.get(parts[1]);
                    if (d.sha256() != null && !d.sha256().equals(sha256(body))) {
                        problem(exchange, 422, "checksum-mismatch", "content differs from the declared SHA-256");
                        return;
                    }
                    contents.put(d.uid(), body);
                    DataView stored = new DataView(d.uid(), d.name(), d.type(), d.os(), d.cpu(), (long) body.length,
                            sha256(body), DataStatus.AVAILABLE, d.accessRights(), d.ownerUid(), d.uri(), d.created());
                    datas.put(d.uid(), stored);
                    send(exchange, 200, stored);
                }
                case "GET datas/2" -> {
                    dataReads.incrementAndGet();
                    found(exchange, datas.get(parts[1]), "data-not-found");
                }
                case "GET datas/3" -> {
                    // As the real server: the SHA-256 is the ETag, and a client holding it gets a 304.
                    byte[] content = contents.get(parts[1]);
                    if (content == null) {
                        problem(exchange, 404, "data-not-found", "no data " + parts[1] + " visible to you; list yours with xwdatas");
                        return;
                    }
                    String etag = "\"" + sha256(content) + "\"";
                    exchange.getResponseHeaders().set("X-XW-SHA256", sha256(content));
                    exchange.getResponseHeaders().set("ETag", etag);
                    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                        notModified.incrementAndGet();
                        exchange.sendResponseHeaders(304, -1);
                        return;
                    }
                    contentSends.incrementAndGet();
                    exchange.sendResponseHeaders(200, content.length);
                    exchange.getResponseBody().write(content);
                }
                case "POST datas/2" -> {
                    if (!sendsContents || !parts[1].equals("contents")) {
                        problem(exchange, 404, "not-found", "no such call");
                        return;
                    }
                    // As the real server: each content after a JSON line naming it, its size and SHA-256.
                    contentsCalls.incrementAndGet();
                    java.util.List<String> uids = json.readValue(body, xtremweb.common.wire.DataContents.class).uids();
                    exchange.getResponseHeaders().set("Content-Type", xtremweb.common.wire.DataContents.MEDIA_TYPE);
                    exchange.sendResponseHeaders(200, 0);
                    for (String uid : uids) {
                        byte[] content = contents.get(uid);
                        exchange.getResponseBody().write(json.writeValueAsBytes(
                                new xtremweb.common.wire.DataContents.Header(uid, content.length, sha256(content))));
                        exchange.getResponseBody().write('\n');
                        exchange.getResponseBody().write(content);
                    }
                }
                case "POST works/1" -> {
                    WorkSubmit submit = json.readValue(body, WorkSubmit.class);
                    if (!submit.app().equals("echo")) {
                        problem(exchange, 404, "app-not-found", "app '" + submit.app() + "' is not installed; list apps with xwapps");
                        return;
                    }
                    send(exchange, 201, insert(submit, submit.args(), submit.label()));
                }
                case "POST works/2" -> {
                    if (parts[1].equals("await")) {
                        await(exchange, json.readValue(body, xtremweb.common.wire.WorkAwait.class));
                        return;
                    }
                    WorkBatch batch = json.readValue(body, WorkBatch.class);
                    if (batch.jobs().size() > mostJobsWithTheirCopies) {
                        problem(exchange, 413, "too-many-copies", batch.jobs().size() + " jobs with their copies are too many rows;"
                                + " send them in requests of at most " + mostJobsWithTheirCopies + " jobs");
                        return;
                    }
                    batchSizes.add(batch.jobs().size());
                    send(exchange, 201, new WorkBatchResult(batch.jobs().stream()
                            .map(job -> insert(batch.common(), job.args(), job.label()).uid()).toList()));
                }
                case "POST sessions/1" -> {
                    String name = json.readValue(body, GroupingCreate.class).name();
                    java.util.Optional<GroupingView> named = sessions.values().stream()
                            .filter(g -> g.name().equalsIgnoreCase(name)).findFirst();
                    // As the real server: names are one per owner; a keyed request is taken for a repetition.
                    if (named.isPresent() && key != null) {
                        send(exchange, 201, named.get());
                        return;
                    }
                    if (named.isPresent()) {
                        problem(exchange, 409, "session-exists", "you already have a session named '" + named.get().name()
                                + "': " + named.get().uid() + " (names that differ only by case count as one); use it, or"
                                + " choose another name");
                        return;
                    }
                    GroupingView session = new GroupingView(UUID.randomUUID().toString(), name, "u1", "0x700", Instant.now());
                    sessions.put(session.uid(), session);
                    send(exchange, 201, session);
                }
                case "GET sessions/1" -> send(exchange, 200, List.copyOf(sessions.values()));
                case "GET datas/1" -> send(exchange, 200, List.copyOf(datas.values()));
                case "GET users/1" -> send(exchange, 200, List.copyOf(listedUsers));
                case "GET usergroups/1" -> send(exchange, 200, List.copyOf(listedUsergroups));
                case "GET apps/1" -> send(exchange, 200, List.copyOf(listedApps));
                case "GET apps/2" -> found(exchange, listedApps.stream().filter(a -> a.uid().equals(parts[1]) || a.name().equals(parts[1])).findFirst()
                        .orElse(null), "app-not-found");
                case "GET hosts/1" -> send(exchange, 200, List.copyOf(hosts));
                case "GET tasks/1" -> send(exchange, 200, List.copyOf(tasks));
                case "POST apps/1" -> {
                    xtremweb.common.wire.AppCreate app = json.readValue(body, xtremweb.common.wire.AppCreate.class);
                    if (appMadeBeforeHeld) {
                        listedApps.add(new xtremweb.common.wire.AppView(UUID.randomUUID().toString(), app.name(), "u1", "0x700",
                                List.of(new xtremweb.common.wire.AppBinary(app.os(), app.cpu(), app.binaryDataUid())), Instant.now()));
                    }
                    appCreationArrived.countDown();
                    java.util.concurrent.CountDownLatch held = appCreationsHeld;
                    if (held != null && !awaitQuietly(held)) {
                        throw new IllegalStateException("an app's creation held for a minute");
                    }
                    if (appRightsAtMost != null && !appRightsAtMost.equals(app.accessRights())) {
                        problem(exchange, 403, "forbidden", "a STANDARD_USER may insert apps with rights " + appRightsAtMost
                                + " at most, not " + app.accessRights() + "; ask an ADVANCED_USER to insert a public or group app");
                        return;
                    }
                    apps.add(app);
                    send(exchange, 201, new xtremweb.common.wire.AppView(UUID.randomUUID().toString(), app.name(), "u1",
                            app.accessRights() == null ? "0x700" : app.accessRights(),
                            List.of(new xtremweb.common.wire.AppBinary(app.os(), app.cpu(), app.binaryDataUid())), Instant.now()));
                }
                case "POST users/1" -> {
                    xtremweb.common.wire.UserCreate user = json.readValue(body, xtremweb.common.wire.UserCreate.class);
                    users.add(user);
                    send(exchange, 201, new UserView(UUID.randomUUID().toString(), user.login(), user.email(), user.rights(), null));
                }
                case "GET works/1" -> {
                    send(exchange, 200, listing(query));
                    // another client of the same user erasing them right after this listing
                    erasedOnceListed.forEach(works::remove);
                    erasedOnceListed.clear();
                }
                case "GET works/2" -> {
                    workReads.incrementAndGet();
                    if (query != null && query.contains("waitSeconds=") && refusedAsBusy(exchange)) {
                        return;
                    }
                    found(exchange, works.get(parts[1]), "work-not-found");
                }
                case "PUT apps/3" -> {
                    xtremweb.common.wire.AppView app = listedApps.stream().filter(a -> a.uid().equals(parts[1])).findFirst().orElse(null);
                    if (app == null || !parts[2].equals("rights")) {
                        problem(exchange, 404, "app-not-found", "no such app");
                        return;
                    }
                    send(exchange, 200, Map.of("uid", app.uid(), "accessRights",
                            json.readValue(body, xtremweb.common.wire.RightsChange.class).rights()));
                }
                case "DELETE apps/2" -> {
                    xtremweb.common.wire.AppView app = listedApps.stream().filter(a -> a.uid().equals(parts[1])).findFirst().orElse(null);
                    if (app == null) {
                        problem(exchange, 404, "app-not-found", "no such app");
                        return;
                    }
                    listedApps.remove(app);
                    send(exchange, 200, new xtremweb.common.wire.AppDeletion(app.uid(), app.name(), appWorksEnded));
                }
                case "DELETE datas/2" -> {
                    if (!datas.containsKey(parts[1])) {
                        problem(exchange, 404, "data-not-found", "no data " + parts[1] + " visible to you; list yours with xwdatas");
                        return;
                    }
                    deletedDatas.add(parts[1]);
                    exchange.sendResponseHeaders(204, -1);
                }
                case "DELETE works/2" -> {
                    if (!works.containsKey(parts[1])) {
                        problem(exchange, 404, "work-not-found", "no work " + parts[1] + " visible to you; list yours with xwworks");
                        return;
                    }
                    deleted.add(parts[1]);
                    works.remove(parts[1]);
                    if (cutAfterWorkDeletions.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new IllegalStateException("committed, then cut as a killed server cuts it");
                    }
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> problem(exchange, 404, "not-found", "no such call " + method + " " + path);
            }
        }
    }

    /**
     * GET /works as the real server answers it: the works the query's status and session select,
     * oldest first, at most {@link WorkView#LISTED_AT_MOST}, after the work {@code after} names.
     */
    private List<WorkView> listing(String query) {
        Map<String, String> q = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                q.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        java.util.Comparator<WorkView> order = java.util.Comparator.comparing(WorkView::submitted, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                .thenComparing(WorkView::uid);
        List<WorkView> selected = works.values().stream()
                .filter(w -> !q.containsKey("status") || q.get("status").equals(String.valueOf(w.status())))
                .filter(w -> !q.containsKey("session") || q.get("session").equals(w.sessionUid()))
                .sorted(order).toList();
        WorkView after = pagesListings && q.containsKey("after") ? works.get(q.get("after")) : null;
        if (pagesListings && q.containsKey("after") && after == null) {
            return List.of();
        }
        return selected.stream().filter(w -> after == null || order.compare(w, after) > 0).limit(WorkView.LISTED_AT_MOST).toList();
    }

    /** The works of the request that have ended, once one has or the wait has passed, as the real server answers. */
    private void await(HttpExchange exchange, xtremweb.common.wire.WorkAwait request) throws IOException {
        if (!awaitsMany) {
            exchange.getResponseHeaders().set("Allow", "GET, DELETE");
            problem(exchange, 405, "method-not-allowed", "/api/v1/works/await takes GET, DELETE, not POST; see API.md");
            return;
        }
        awaitCalls.incrementAndGet();
        if (refusedAsBusy(exchange)) {
            return;
        }
        long deadline = System.nanoTime() + request.waitSeconds() * 1_000_000_000L;
        while (true) {
            List<WorkView> ended = new java.util.ArrayList<>();
            for (String uid : request.uids()) {
                WorkView work = works.get(uid);
                if (work == null) {
                    problem(exchange, 404, "work-not-found", "no work " + uid + " visible to you; list yours with xwworks");
                    return;
                }
                if (work.status().isFinal()) {
                    ended.add(work);
                }
            }
            if (!ended.isEmpty() || System.nanoTime() >= deadline) {
                send(exchange, 200, ended);
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private WorkView insert(WorkSubmit submit, List<String> args, String label) {
        submitted.add(submit);
        WorkView work = new WorkView(UUID.randomUUID().toString(), "a1", "echo", "u1", label, args, WorkStatus.PENDING, null,
                null, submit.stdinDataUid(), submit.envDataUid(), null, "0x700", 0, Instant.now(), null, submit.sessionUid(),
                submit.groupUid(), "bob");
        works.put(work.uid(), work);
        return work;
    }

    private void found(HttpExchange exchange, Object value, String code) throws IOException {
        if (value == null) {
            problem(exchange, 404, code, "no such object");
        } else {
            send(exchange, 200, value);
        }
    }

    private void send(HttpExchange exchange, int status, Object value) throws IOException {
        byte[] bytes = json.writeValueAsBytes(value);
        if (status == 201) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
                firstAnswers.putIfAbsent(key, bytes);
            }
            if (cutAfterCreations.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // Escapes the handler: the JDK server then closes the connection without an answer.
                throw new IllegalStateException("created, then cut as a killed server cuts it");
            }
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Refuses a wait as the real server refuses a caller that already holds longpoll.perCaller waits, while busyAwaits lasts. */
    private boolean refusedAsBusy(HttpExchange exchange) throws IOException {
        if (busyAwaits.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            return false;
        }
        exchange.getResponseHeaders().set("Retry-After", "1");
        problem(exchange, 429, "too-many-waits", "you already hold 32 waiting calls (longpoll.perCaller); let one end"
                + " before starting another, or wait for many works in one POST /api/v1/works/await");
        return true;
    }

    private void problem(HttpExchange exchange, int status, String code, String detail) throws IOException {
        byte[] bytes = json.writeValueAsBytes(Problem.of(status, code, detail));
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
