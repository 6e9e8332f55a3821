package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.DataStatus;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostActivation;
import xtremweb.common.wire.GroupingCreate;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.RightsChange;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.UsergroupCreate;
import xtremweb.common.wire.UsergroupView;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;
import xtremweb.server.db.Database;

/**
 * The attacks the original XtremWeb let through, each tried over the real HTTPS API: every one
 * must be refused with a clear 4xx and leave the database as it was.
 */
class SecurityAttacksApiTest {
    private static final String PASSWORD = "correct-horse-1";
    private static final TypeReference<List<UserView>> USERS = new TypeReference<>() {
    };
    private static final TypeReference<List<AppView>> APPS = new TypeReference<>() {
    };
    private static final TypeReference<List<DataView>> DATAS = new TypeReference<>() {
    };
    private static final TypeReference<List<UsergroupView>> GROUPS = new TypeReference<>() {
    };

    @TempDir
    static Path home;
    static XtremWebServer server;
    static Properties credentials = new Properties();
    static XwHttpClient admin;
    static UsergroupView team;

    @BeforeAll
    static void start() throws Exception {
        XwConfig config = XwConfig.of(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12", "alive.period", "5"), "test", home);
        server = XtremWebServer.start(ServerConfig.from(config));
        try (InputStream in = Files.newInputStream(server.credentialsFile())) {
            credentials.load(in);
        }
        admin = login(credentials.getProperty("admin.login"), credentials.getProperty("admin.password"));
        team = admin.post("/api/v1/usergroups", new UsergroupCreate("team"), UsergroupView.class);
        for (var user : List.of(new UserCreate("alice", PASSWORD, "alice@example.org", UserRights.STANDARD_USER, "team"),
                new UserCreate("bob", PASSWORD, null, UserRights.STANDARD_USER, null),
                new UserCreate("lead", PASSWORD, null, UserRights.ADVANCED_USER, "team"),
                new UserCreate("pubworker", PASSWORD, null, UserRights.WORKER_USER, null))) {
            admin.post("/api/v1/users", user, UserView.class);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static XwHttpClient anonymous() {
        return new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()),
                PinnedTrust.readPem(Path.of(credentials.getProperty("server.certificate"))));
    }

    private static XwHttpClient login(String login, String password) {
        XwHttpClient client = anonymous();
        client.token(client.post("/api/v1/login", new LoginRequest(login, password), TokenResponse.class).token());
        return client;
    }

    private static XwHttpClient user(String login) {
        return login(login, PASSWORD);
    }

    private static DataView upload(XwHttpClient client, String name, byte[] content, String rights) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        DataView data = client.post("/api/v1/datas", new DataCreate(name, null, null, null, (long) content.length, sha, rights),
                DataView.class);
        Path file = Files.write(home.resolve(name + System.nanoTime()), content);
        return client.upload("/api/v1/datas/" + data.uid() + "/content", file, Map.of(), DataView.class);
    }

    private static void refused(ThrowingCallable attack, int status, String detailPart) {
        assertThatThrownBy(attack).isInstanceOfSatisfying(XwApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(detailPart);
        });
    }

    private static HostCredential register(XwHttpClient client, String name) {
        return client.post("/api/v1/worker/register", new HostRegistration(null, name, "linux", "amd64", 2, 1L << 30, "21"),
                HostCredential.class);
    }

    private static XwHttpClient asHost(String login, String hostName) {
        XwHttpClient client = user(login);
        client.token(register(client, hostName).hostToken());
        return client;
    }

    private static long count(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(Database.Target.h2(home.resolve("var")).url());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aStandardUserCannotInsertAPublicApp() throws Exception {
        XwHttpClient alice = user("alice");
        DataView binary = upload(alice, "alice-bin", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), null);
        long apps = count("apps");
        refused(() -> alice.post("/api/v1/apps", new AppCreate("alicepublic", "amd64", "linux", binary.uid(), "0x755"),
                AppView.class), 403, "ask an ADVANCED_USER");
        assertThat(count("apps")).isEqualTo(apps);
        AppView mine = alice.post("/api/v1/apps", new AppCreate("aliceprivate", "amd64", "linux", binary.uid()), AppView.class);
        assertThat(mine.accessRights()).isEqualTo("0x700");
        refused(() -> alice.put("/api/v1/apps/aliceprivate/rights", new RightsChange("0x755"), AppView.class), 403,
                "cannot be changed");
        assertThat(user("bob").get("/api/v1/apps", APPS)).extracting(AppView::name).doesNotContain("aliceprivate");
        // alice's binary went private with her app: the lead inserts its own.
        assertThat(user("bob").get("/api/v1/datas", DATAS)).extracting(DataView::uid).doesNotContain(binary.uid());
        XwHttpClient leadUser = user("lead");
        DataView leads = upload(leadUser, "lead-bin", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), null);
        AppView lead = leadUser.post("/api/v1/apps", new AppCreate("leadgroup", "amd64", "linux", leads.uid(), "0x750"),
                AppView.class);
        assertThat(lead.accessRights()).isEqualTo("0x750");
        assertThat(alice.get("/api/v1/apps", APPS)).extracting(AppView::name).contains("leadgroup");
        assertThat(user("bob").get("/api/v1/apps", APPS)).extracting(AppView::name).doesNotContain("leadgroup");
    }

    @Test
    void deletingAUserOrUserGroupTheCallerCannotSeeIsNotFoundAndOnesItSeesForbidden() throws Exception {
        // xwrm tries every kind of object with a UID: a mistyped one must end in "not found" (exit 3).
        String nobody = "00000000-0000-4000-8000-000000000000";
        refused(() -> user("bob").delete("/api/v1/users/" + nobody), 404, "no user");
        refused(() -> user("bob").delete("/api/v1/usergroups/" + nobody), 404, "no user group");
        refused(() -> user("bob").delete("/api/v1/usergroups/team"), 404, "no user group");
        refused(() -> user("alice").delete("/api/v1/usergroups/team"), 403, "only a SUPER_USER deletes user groups");
        assertThat(admin.get("/api/v1/usergroups", GROUPS)).extracting(UsergroupView::label).contains("team");
    }

    @Test
    void aSuperUserDeletingItsOwnAccountIsRefusedByRightsAndToldWhy() throws Exception {
        String self = credentials.getProperty("admin.login");
        refused(() -> admin.delete("/api/v1/users/" + self), 403, "a SUPER_USER cannot delete its own account");
        refused(() -> admin.delete("/api/v1/users/" + admin.get("/api/v1/users/me", UserView.class).uid()), 403,
                "another SUPER_USER can delete " + self);
        assertThat(admin.get("/api/v1/users/me", UserView.class).login()).isEqualTo(self);
    }

    @Test
    void aGroupAdministratorCannotCreateASuperUserNorAnyUser() throws Exception {
        long users = count("users");
        refused(() -> user("lead").post("/api/v1/users", new UserCreate("mallory", PASSWORD, null, UserRights.SUPER_USER, "team"),
                UserView.class), 403, "only a SUPER_USER creates users");
        refused(() -> user("alice").post("/api/v1/users", new UserCreate("mallory", PASSWORD, null, UserRights.STANDARD_USER, null),
                UserView.class), 403, "only a SUPER_USER creates users");
        refused(() -> user("lead").post("/api/v1/usergroups", new UsergroupCreate("mine"), UsergroupView.class), 403,
                "only a SUPER_USER");
        assertThat(count("users")).isEqualTo(users);
        assertThat(user("alice").get("/api/v1/users", USERS)).extracting(UserView::login).containsExactly("alice");
        assertThat(user("alice").get("/api/v1/usergroups", GROUPS)).extracting(UsergroupView::label).containsExactly("team");
        assertThat(user("bob").get("/api/v1/usergroups", GROUPS)).isEmpty();
        assertThat(admin.get("/api/v1/users", USERS)).extracting(UserView::login).contains("alice", "bob", "lead", "admin");
    }

    @Test
    void aWorkerCannotReportOnATaskOfAnotherHost() throws Exception {
        XwHttpClient bob = user("bob");
        DataView binary = upload(bob, "bob-bin", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), null);
        bob.post("/api/v1/apps", new AppCreate("bobapp", "amd64", "linux", binary.uid()), AppView.class);
        WorkView work = bob.post("/api/v1/works", new WorkSubmit("bobapp", List.of(), "w", null, null), WorkView.class);
        XwHttpClient host1 = asHost("bob", "bob-host-1");
        Assignment a = host1.post("/api/v1/worker/workrequest", new WorkRequest(2), WorkResponse.class).assignment();
        assertThat(a.workUid()).isEqualTo(work.uid());
        XwHttpClient host2 = asHost("bob", "bob-host-2");
        refused(() -> host2.postNoContent("/api/v1/worker/tasks/" + a.taskUid() + "/status",
                new TaskReport(WorkStatus.ERROR, null, "mine now")), 403, "is not assigned to host");
        refused(() -> host2.download("/api/v1/worker/tasks/" + a.taskUid() + "/inputs/" + binary.uid(), home.resolve("x")),
                403, "is not assigned to host");
        Path zip = Files.write(home.resolve("stolen.zip"), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        refused(() -> host2.upload("/api/v1/worker/tasks/" + a.taskUid() + "/result?exitCode=0", zip, Map.of(), DataView.class),
                403, "is not assigned to host");
        refused(() -> host2.postNoContent("/api/v1/worker/tasks/" + a.taskUid() + "/giveback", Map.of()), 403,
                "is not assigned to host");
        assertThat(bob.get("/api/v1/works/" + work.uid(), WorkView.class).status()).isEqualTo(WorkStatus.RUNNING);
    }

    /** As API.md says: 403 is for another host's task (above); a task this host held that moved on is 409. */
    @Test
    void aTaskThisHostHeldThatMovedOnIsAConflictNotForbidden() throws Exception {
        XwHttpClient bob = user("bob");
        DataView binary = upload(bob, "bob-bin-2", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), null);
        bob.post("/api/v1/apps", new AppCreate("bobapp2", "amd64", "linux", binary.uid()), AppView.class);
        WorkView work = bob.post("/api/v1/works", new WorkSubmit("bobapp2", List.of(), "w", null, null), WorkView.class);
        XwHttpClient host = asHost("bob", "bob-host-3");
        Assignment a = host.post("/api/v1/worker/workrequest", new WorkRequest(2), WorkResponse.class).assignment();
        assertThat(a.workUid()).isEqualTo(work.uid());
        host.postNoContent("/api/v1/worker/tasks/" + a.taskUid() + "/giveback", Map.of());

        String task = "/api/v1/worker/tasks/" + a.taskUid();
        refused(() -> host.postNoContent(task + "/status", new TaskReport(WorkStatus.ERROR, null, "late")), 409,
                "is no longer this host's");
        refused(() -> host.download(task + "/inputs/" + binary.uid(), home.resolve("late")), 409, "is no longer this host's");
        Path zip = Files.write(home.resolve("late.zip"), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        refused(() -> host.upload(task + "/result?exitCode=0", zip, Map.of(), DataView.class), 409, "is no longer this host's");
        refused(() -> host.postNoContent(task + "/giveback", Map.of()), 409, "is no longer this host's");
        assertThat(bob.get("/api/v1/works/" + work.uid(), WorkView.class).status()).isEqualTo(WorkStatus.PENDING);
        bob.delete("/api/v1/works/" + work.uid()); // no other test of bob's hosts is given it
    }

    @Test
    void aWorkerCannotUploadOverAnAppBinary() throws Exception {
        byte[] original = "#!/bin/sh\necho original\n".getBytes(StandardCharsets.UTF_8);
        DataView binary = upload(admin, "public-bin", original, null);
        admin.post("/api/v1/apps", new AppCreate("publicapp", "amd64", "linux", binary.uid()), AppView.class);
        Path evil = Files.writeString(home.resolve("evil"), "#!/bin/sh\nrm -rf ~\n");
        XwHttpClient workerUser = login(credentials.getProperty("worker.login"), credentials.getProperty("worker.password"));
        refused(() -> workerUser.upload("/api/v1/datas/" + binary.uid() + "/content", evil, Map.of(), DataView.class), 403,
                "a WORKER_USER account writes nothing");
        XwHttpClient workerHost = asHost("pubworker", "pub-host");
        refused(() -> workerHost.upload("/api/v1/datas/" + binary.uid() + "/content", evil, Map.of(), DataView.class), 403,
                "a host token only runs its host's tasks");
        refused(() -> user("bob").upload("/api/v1/datas/" + binary.uid() + "/content", evil, Map.of(), DataView.class), 403,
                "its access rights 0x755 give others");
        Path got = home.resolve("binary-after");
        admin.download("/api/v1/datas/" + binary.uid() + "/content", got);
        assertThat(Files.readAllBytes(got)).isEqualTo(original);
    }

    @Test
    void nobodyChangesTheRightsOfSomeoneElsesWork() throws Exception {
        DataView binary = upload(admin, "lead-bin", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), null);
        XwHttpClient lead = user("lead");
        lead.post("/api/v1/apps", new AppCreate("leadpublic", "amd64", "linux", binary.uid()), AppView.class);
        WorkView work = lead.post("/api/v1/works", new WorkSubmit("leadpublic", List.of(), "public", null, null), WorkView.class);
        assertThat(work.accessRights()).isEqualTo("0x755");
        refused(() -> user("bob").put("/api/v1/works/" + work.uid() + "/rights", new RightsChange("0x777"), WorkView.class),
                403, "only the owner");
        refused(() -> user("alice").delete("/api/v1/works/" + work.uid()), 403, "only the owner");
        assertThat(lead.get("/api/v1/works/" + work.uid(), WorkView.class).accessRights()).isEqualTo("0x755");
        // The owner may narrow it, and never widen it past its app's rights.
        assertThat(lead.put("/api/v1/works/" + work.uid() + "/rights", new RightsChange("o-rx"), WorkView.class).accessRights())
                .isEqualTo("0x750");
        assertThat(lead.put("/api/v1/works/" + work.uid() + "/rights", new RightsChange("a+rwx"), WorkView.class).accessRights())
                .isEqualTo("0x755");
        lead.put("/api/v1/works/" + work.uid() + "/rights", new RightsChange("go-rx"), WorkView.class);
        refused(() -> user("bob").get("/api/v1/works/" + work.uid(), WorkView.class), 404, "no work");
    }

    @Test
    void anOwnerWhoseOwnRightsHideItsObjectsStillChangesThemBackOrDeletesThem() throws Exception {
        XwHttpClient bob = user("bob");
        XwHttpClient alice = user("alice");
        DataView data = upload(bob, "locked-out", "mine".getBytes(StandardCharsets.UTF_8), null);
        // As a file's owner after chmod 0: the content is unreadable, even to bob...
        assertThat(bob.put("/api/v1/datas/" + data.uid() + "/rights", new RightsChange("0x000"), DataView.class).accessRights())
                .isEqualTo("0x000");
        refused(() -> bob.download("/api/v1/datas/" + data.uid() + "/content", home.resolve("locked-out.read")), 404, "no data");
        // ...but bob may still give himself the right back, which nobody else may even see.
        refused(() -> alice.put("/api/v1/datas/" + data.uid() + "/rights", new RightsChange("0x777"), DataView.class), 404, "no data");
        assertThat(bob.put("/api/v1/datas/" + data.uid() + "/rights", new RightsChange("u+r"), DataView.class).accessRights())
                .isEqualTo("0x400");
        assertThat(bob.get("/api/v1/datas/" + data.uid(), DataView.class).name()).isEqualTo("locked-out");
        bob.put("/api/v1/datas/" + data.uid() + "/rights", new RightsChange("0x000"), DataView.class);
        refused(() -> alice.delete("/api/v1/datas/" + data.uid()), 404, "no data");
        bob.delete("/api/v1/datas/" + data.uid());

        GroupingView session = bob.post("/api/v1/sessions", new GroupingCreate("locked-session", null), GroupingView.class);
        assertThat(bob.put("/api/v1/sessions/" + session.uid() + "/rights", new RightsChange("0x000"), GroupingView.class)
                .accessRights()).isEqualTo("0x000");
        assertThat(bob.put("/api/v1/sessions/" + session.uid() + "/rights", new RightsChange("0x700"), GroupingView.class)
                .accessRights()).isEqualTo("0x700");
    }

    @Test
    void sqlMetacharactersInLoginsLabelsAndAppNamesAreRefusedAndChangeNothing() throws Exception {
        long users = count("users");
        long groups = count("usergroups");
        long apps = count("apps");
        refused(() -> admin.post("/api/v1/users", Map.of("login", "x'; DROP TABLE users; --", "password", PASSWORD,
                "rights", "STANDARD_USER"), UserView.class), 400, "a login is 1 to 100 ASCII letters (a-z, A-Z: no accents)");
        // as a client that does not check first would send it: the server is the authority
        refused(() -> admin.post("/api/v1/users", Map.of("login", "mailless", "password", PASSWORD, "email", "notanemail",
                "rights", "STANDARD_USER"), UserView.class), 400, "'notanemail' is not an email address");
        refused(() -> admin.post("/api/v1/usergroups", Map.of("label", "team' OR '1'='1"), UsergroupView.class), 400,
                "a user group label is");
        DataView binary = upload(admin, "meta-bin", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), null);
        refused(() -> admin.post("/api/v1/apps", Map.of("name", "a'; DELETE FROM apps; --", "cpu", "amd64", "os", "linux",
                "binaryDataUid", binary.uid()), AppView.class), 400, "an app name is");
        refused(() -> anonymous().post("/api/v1/login", new LoginRequest("admin' --", "x"), TokenResponse.class), 401,
                "wrong login or password");
        refused(() -> admin.get("/api/v1/users/%27%20OR%20%271%27=%271", UserView.class), 404, "no user");
        refused(() -> admin.get("/api/v1/apps/x%27%20OR%20%27a%27=%27a", AppView.class), 404, "is not installed");
        // A data name is free text: stored and returned exactly, never interpreted.
        DataView odd = upload(admin, "d'); DROP TABLE datas; --", "x".getBytes(StandardCharsets.UTF_8), null);
        assertThat(admin.get("/api/v1/datas/" + odd.uid(), DataView.class).name()).isEqualTo("d'); DROP TABLE datas; --");
        assertThat(count("users")).isEqualTo(users);
        assertThat(count("usergroups")).isEqualTo(groups);
        assertThat(count("apps")).isEqualTo(apps);
    }

    @Test
    void aLoggedOutTokenIsRefused() {
        XwHttpClient bob = user("bob");
        assertThat(bob.get("/api/v1/users/me", UserView.class).login()).isEqualTo("bob");
        bob.postNoContent("/api/v1/logout", Map.of());
        refused(() -> bob.get("/api/v1/users/me", UserView.class), 401, "unknown, expired or revoked");
        refused(() -> bob.get("/api/v1/works", WorkView[].class), 401, "unknown, expired or revoked");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        XwHttpClient client = anonymous();
        String token = client.post("/api/v1/login", new LoginRequest("bob", PASSWORD), TokenResponse.class).token();
        client.token(token);
        // Expired in the database before its first use: a token already used is kept in memory
        // until its own expiry (TtlCacheTest covers that bound), which this edit does not move.
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        try (Connection c = DriverManager.getConnection(Database.Target.h2(home.resolve("var")).url());
             PreparedStatement ps = c.prepareStatement("UPDATE tokens SET expires = ? WHERE token_hash = ?")) {
            ps.setObject(1, LocalDateTime.of(2000, 1, 1, 0, 0));
            ps.setString(2, hash);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        refused(() -> client.get("/api/v1/users/me", UserView.class), 401, "unknown, expired or revoked");
    }

    @Test
    void theTokensAndHostsOfADeletedUserAreRefused() throws Exception {
        admin.post("/api/v1/users", new UserCreate("leaver", PASSWORD, null, UserRights.STANDARD_USER, null), UserView.class);
        XwHttpClient leaver = user("leaver");
        XwHttpClient leaverHost = asHost("leaver", "leaver-host");
        refused(() -> user("alice").delete("/api/v1/users/leaver"), 404, "no user 'leaver' visible to you");
        refused(() -> user("alice").delete("/api/v1/users/alice"), 403, "only a SUPER_USER deletes users");
        admin.delete("/api/v1/users/leaver");
        refused(() -> leaver.get("/api/v1/users/me", UserView.class), 401, "unknown, expired or revoked");
        refused(() -> leaverHost.post("/api/v1/worker/workrequest", new WorkRequest(0), WorkResponse.class), 401,
                "unknown, expired or revoked");
        refused(() -> user("leaver"), 401, "wrong login or password");
        assertThat(admin.get("/api/v1/users", USERS)).extracting(UserView::login).doesNotContain("leaver");
        // Kept in history, marked deleted: the login cannot be taken over by somebody else.
        assertThat(count("users WHERE login = 'leaver' AND deleted = TRUE")).isEqualTo(1);
        refused(() -> admin.post("/api/v1/users", new UserCreate("leaver", PASSWORD, null, UserRights.STANDARD_USER, null),
                UserView.class), 409, "taken");
    }

    @Test
    void listingsShowOnlyWhatTheCallerMayRead() throws Exception {
        XwHttpClient alice = user("alice");
        DataView priv = upload(alice, "alice-private", "p".getBytes(StandardCharsets.UTF_8), "0x700");
        DataView group = upload(alice, "alice-group", "g".getBytes(StandardCharsets.UTF_8), "go-w,o-rx");
        DataView pub = upload(alice, "alice-public", "u".getBytes(StandardCharsets.UTF_8), null);
        assertThat(group.accessRights()).isEqualTo("0x750");
        assertThat(pub.accessRights()).isEqualTo("0x755");
        assertThat(user("lead").get("/api/v1/datas", DATAS)).extracting(DataView::uid)
                .contains(group.uid(), pub.uid()).doesNotContain(priv.uid());
        assertThat(user("bob").get("/api/v1/datas", DATAS)).extracting(DataView::uid)
                .contains(pub.uid()).doesNotContain(priv.uid(), group.uid());
        assertThat(alice.get("/api/v1/datas", DATAS)).extracting(DataView::uid).contains(priv.uid(), group.uid(), pub.uid());
        refused(() -> user("bob").get("/api/v1/datas/" + priv.uid(), DataView.class), 404, "no data");
        refused(() -> user("bob").put("/api/v1/datas/" + pub.uid() + "/rights", new RightsChange("0x777"), DataView.class),
                403, "only the owner");
        alice.delete("/api/v1/datas/" + pub.uid());
        assertThat(user("bob").get("/api/v1/datas", DATAS)).extracting(DataView::uid).doesNotContain(pub.uid());
        assertThat(count("datas WHERE deleted = TRUE AND uid = '" + pub.uid() + "'")).isEqualTo(1);
    }

    @Test
    void uploadingContentIsRefusedWithTheWriteRuleThatApplies() throws Exception {
        XwHttpClient alice = user("alice");
        byte[] bytes = "w".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        DataView open = alice.post("/api/v1/datas", new DataCreate("open-to-all", null, null, null, 1L, sha, "0x777"), DataView.class);
        DataView team = alice.post("/api/v1/datas", new DataCreate("team-reads", null, null, null, 1L, sha, "0x750"), DataView.class);
        DataView pub = alice.post("/api/v1/datas", new DataCreate("all-read", null, null, null, 1L, sha, "0x755"), DataView.class);
        Path file = Files.write(home.resolve("w" + System.nanoTime()), bytes);

        refused(() -> user("pubworker").upload("/api/v1/datas/" + open.uid() + "/content", file, Map.of(), DataView.class),
                403, "a WORKER_USER account writes nothing, whatever the access rights");
        refused(() -> user("lead").upload("/api/v1/datas/" + team.uid() + "/content", file, Map.of(), DataView.class),
                403, "its access rights 0x750 give its owner's user group (yours) no write right (w)");
        refused(() -> user("bob").upload("/api/v1/datas/" + pub.uid() + "/content", file, Map.of(), DataView.class),
                403, "its access rights 0x755 give others (you are neither its owner nor in its owner's user group) no write right");
        // The rule, not ownership: rights that give others w let them upload.
        assertThat(user("bob").upload("/api/v1/datas/" + open.uid() + "/content", file, Map.of(), DataView.class).status())
                .isEqualTo(DataStatus.AVAILABLE);
    }

    @Test
    void aDisabledHostGetsNoWorkAndOnlyItsManagersSeeIt() throws Exception {
        XwHttpClient host = asHost("pubworker", "switchable");
        List<HostView> hosts = admin.get("/api/v1/hosts", new TypeReference<List<HostView>>() {
        });
        HostView view = hosts.stream().filter(h -> h.name().equals("switchable")).findFirst().orElseThrow();
        assertThat(view.enabled()).isTrue();
        assertThat(user("bob").get("/api/v1/hosts", new TypeReference<List<HostView>>() {
        })).extracting(HostView::name).doesNotContain("switchable");
        refused(() -> user("bob").put("/api/v1/hosts/" + view.uid() + "/activation", new HostActivation(false), HostView.class),
                404, "no host");
        assertThat(admin.put("/api/v1/hosts/" + view.uid() + "/activation", new HostActivation(false), HostView.class).enabled())
                .isFalse();
        // Alive but switched off: its requests come back empty even with public work pending.
        DataView binary = upload(admin, "switch-bin", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), null);
        admin.post("/api/v1/apps", new AppCreate("switchapp", "amd64", "linux", binary.uid()), AppView.class);
        admin.post("/api/v1/works", new WorkSubmit("switchapp", List.of(), null, null, null), WorkView.class);
        assertThat(host.post("/api/v1/worker/workrequest", new WorkRequest(0), WorkResponse.class).assignment()).isNull();
        assertThat(admin.put("/api/v1/hosts/switchable/activation", new HostActivation(true), HostView.class).enabled()).isTrue();
    }

    @Test
    void repeatedFailedLoginsAreSlowedDown() {
        admin.post("/api/v1/users", new UserCreate("guessme", PASSWORD, null, UserRights.STANDARD_USER, null), UserView.class);
        Consumer<String> attempt = password -> anonymous().post("/api/v1/login", new LoginRequest("guessme", password),
                TokenResponse.class);
        for (int i = 0; i < 5; i++) {
            String guess = "wrong" + i;
            refused(() -> attempt.accept(guess), 401, "wrong login or password");
        }
        // Even the right password waits now: the guesser cannot tell which attempt was right.
        refused(() -> attempt.accept(PASSWORD), 429, "too many failed logins for this login");
    }

    @Test
    void aPrivateWorkersHostTokenChangesNothingOfItsOwners() throws Exception {
        XwHttpClient alice = user("alice");
        DataView data = upload(alice, "alice-private", "secret".getBytes(StandardCharsets.UTF_8), "0x700");
        XwHttpClient host = asHost("alice", "alice-pc");
        // The token on the volunteer machine reads what its account reads (a private worker runs its owner's works) ...
        assertThat(host.get("/api/v1/datas/" + data.uid(), DataView.class).accessRights()).isEqualTo("0x700");
        // ... but chmods and deletes nothing: it used to open its owner's private data to everybody.
        refused(() -> host.put("/api/v1/datas/" + data.uid() + "/rights", new RightsChange("0x777"), DataView.class), 403,
                "a host token only runs its host's tasks");
        refused(() -> host.delete("/api/v1/datas/" + data.uid()), 403, "a host token only runs its host's tasks");
        assertThat(alice.get("/api/v1/datas/" + data.uid(), DataView.class).accessRights()).isEqualTo("0x700");
    }
}
