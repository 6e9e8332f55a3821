package xtremweb.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostActivation;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.UsergroupCreate;
import xtremweb.common.wire.UsergroupView;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;
import xtremweb.server.ServerConfig;
import xtremweb.server.XtremWebServer;

/**
 * What people read in host and task listings (names and logins, several hosts of one machine told
 * apart), who may list a private worker, and who may replace an app's binary, over the real HTTPS
 * API on the database the subclass names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostsTasksAndAppOwnersApiContract {
    private static final String PASSWORD = "correct-horse-1";
    private static final TypeReference<List<HostView>> HOSTS = new TypeReference<>() {
    };
    private static final TypeReference<List<TaskView>> TASKS = new TypeReference<>() {
    };

    @TempDir
    static Path home;
    private XtremWebServer server;
    private final Properties credentials = new Properties();
    private XwHttpClient admin;
    private XwHttpClient alice;
    private XwHttpClient bob;

    abstract Map<String, String> databaseConfig() throws Exception;

    abstract void dropDatabase() throws Exception;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> keys = new HashMap<>(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12", "alive.period", "5"));
        keys.putAll(databaseConfig());
        server = XtremWebServer.start(ServerConfig.from(XwConfig.of(keys, "test", home)));
        try (InputStream in = Files.newInputStream(server.credentialsFile())) {
            credentials.load(in);
        }
        admin = login(credentials.getProperty("admin.login"), credentials.getProperty("admin.password"));
        for (String who : List.of("alice", "bob")) {
            admin.post("/api/v1/users", new UserCreate(who, PASSWORD, null, UserRights.STANDARD_USER, null), UserView.class);
        }
        alice = login("alice", PASSWORD);
        bob = login("bob", PASSWORD);
        admin.post("/api/v1/apps", new AppCreate("echo", "amd64", "linux", upload(admin, "echo.sh").uid()), AppView.class);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        dropDatabase();
    }

    private XwHttpClient login(String login, String password) {
        XwHttpClient client = new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()),
                PinnedTrust.readPem(Path.of(credentials.getProperty("server.certificate"))));
        client.token(client.post("/api/v1/login", new LoginRequest(login, password), TokenResponse.class).token());
        return client;
    }

    private static DataView upload(XwHttpClient who, String name) throws Exception {
        byte[] binary = ("#!/bin/sh\necho " + name + "\n").getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(binary));
        DataView data = who.post("/api/v1/datas", new DataCreate(name, null, null, null, (long) binary.length, sha, null),
                DataView.class);
        return who.upload("/api/v1/datas/" + data.uid() + "/content", Files.write(Files.createTempFile(home, "bin", ".sh"), binary),
                Map.of(), DataView.class);
    }

    /** Registers a host as {@code who} (its private worker when who is not a worker account). */
    private static HostCredential register(XwHttpClient who, String name) {
        return who.post("/api/v1/worker/register", new HostRegistration(null, name, "linux", "amd64", 2, 1L << 30, "21"),
                HostCredential.class);
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, String code,
                                String detailPart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XwApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(detailPart);
        });
    }

    @Test
    void appsInsertedAtTheSameMomentAreAllInserted() throws Exception {
        // On MariaDB each new app's first binary was written as "delete it, then insert it": two such
        // transactions at once deadlocked on the gap lock of the empty delete, and one failed (500).
        int apps = 12;
        List<DataView> binaries = new java.util.ArrayList<>();
        for (int i = 0; i < apps; i++) {
            binaries.add(upload(alice, "same-moment-" + i));
        }
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(apps);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(apps)) {
            List<java.util.concurrent.Future<xtremweb.common.wire.AppView>> inserted = new java.util.ArrayList<>();
            for (int i = 0; i < apps; i++) {
                String name = "same-moment-" + i;
                String binary = binaries.get(i).uid();
                inserted.add(pool.submit(() -> {
                    start.await();
                    return alice.post("/api/v1/apps", new xtremweb.common.wire.AppCreate(name, "amd64", "linux", binary),
                            xtremweb.common.wire.AppView.class);
                }));
            }
            for (var app : inserted) {
                assertThat(app.get().name()).startsWith("same-moment-");
            }
        }
    }

    @Test
    void aStandardUserListsAndSwitchesOffItsOwnPrivateWorkerShownWithItsLogin() {
        HostCredential host = register(alice, "alice-laptop");

        assertThat(alice.get("/api/v1/hosts", HOSTS)).singleElement().satisfies(h -> {
            assertThat(h.uid()).isEqualTo(host.hostUid());
            assertThat(h.name()).isEqualTo("alice-laptop");
            assertThat(h.ownerLogin()).isEqualTo("alice");
        });
        HostView off = alice.put("/api/v1/hosts/" + host.hostUid() + "/activation", new HostActivation(false), HostView.class);
        assertThat(off.enabled()).isFalse();
        assertThat(off.ownerLogin()).isEqualTo("alice");
        assertThat(admin.get("/api/v1/hosts", HOSTS)).filteredOn(h -> h.uid().equals(host.hostUid()))
                .singleElement().satisfies(h -> assertThat(h.ownerLogin()).isEqualTo("alice"));

        assertThat(bob.get("/api/v1/hosts", HOSTS)).extracting(HostView::uid).doesNotContain(host.hostUid());
        refused(() -> bob.put("/api/v1/hosts/" + host.hostUid() + "/activation", new HostActivation(true), HostView.class),
                404, "not-found", "xwworkers");
        XwHttpClient theWorkerMachine = login("alice", PASSWORD);
        theWorkerMachine.token(host.hostToken());
        assertThat(theWorkerMachine.get("/api/v1/hosts", HOSTS)).isEmpty();
    }

    @Test
    void aSharedWorkerAccountDoesNotListTheVolunteersMachines() {
        XwHttpClient volunteer = login(credentials.getProperty("worker.login"), credentials.getProperty("worker.password"));
        HostCredential host = register(volunteer, "volunteer-pc");

        assertThat(volunteer.get("/api/v1/hosts", HOSTS)).isEmpty();
        assertThat(admin.get("/api/v1/hosts", HOSTS)).filteredOn(h -> h.uid().equals(host.hostUid()))
                .singleElement().satisfies(h -> assertThat(h.ownerLogin()).isEqualTo(credentials.getProperty("worker.login")));

        // Nor, through the tasks they ran, every user's works and the other volunteers' machine names.
        alice.post("/api/v1/works", new WorkSubmit("echo", List.of("public"), null, null, null), WorkView.class);
        XwHttpClient machine = login(credentials.getProperty("worker.login"), credentials.getProperty("worker.password"));
        machine.token(host.hostToken());
        String task = machine.post("/api/v1/worker/workrequest", new WorkRequest(5), WorkResponse.class).assignment().taskUid();
        assertThat(admin.get("/api/v1/tasks", TASKS)).extracting(TaskView::uid).contains(task);
        assertThat(volunteer.get("/api/v1/tasks", TASKS)).isEmpty();
    }

    @Test
    void twoWorkersOfOneMachineAreTwoHostsAndTheirTasksNameTheHostAndTheWorksOwner() {
        HostCredential first = register(bob, "bob-desktop");
        HostCredential second = register(bob, "bob-desktop");
        assertThat(second.hostUid()).isNotEqualTo(first.hostUid());
        assertThat(bob.get("/api/v1/hosts", HOSTS)).extracting(HostView::uid, HostView::name)
                .contains(org.assertj.core.groups.Tuple.tuple(first.hostUid(), "bob-desktop"),
                        org.assertj.core.groups.Tuple.tuple(second.hostUid(), "bob-desktop"));
        refused(() -> bob.put("/api/v1/hosts/bob-desktop/activation", new HostActivation(false), HostView.class),
                409, "conflict", "give the host UID");

        WorkView work = bob.post("/api/v1/works", new WorkSubmit("echo", List.of("x"), "named", null, null), WorkView.class);
        XwHttpClient worker = login("bob", PASSWORD);
        worker.token(second.hostToken());
        WorkResponse response = worker.post("/api/v1/worker/workrequest", new WorkRequest(5), WorkResponse.class);
        assertThat(response.assignment().workUid()).isEqualTo(work.uid());

        for (XwHttpClient reader : List.of(bob, admin)) {
            assertThat(reader.get("/api/v1/tasks", TASKS)).filteredOn(t -> t.workUid().equals(work.uid())).singleElement()
                    .satisfies(t -> {
                        assertThat(t.hostUid()).isEqualTo(second.hostUid());
                        assertThat(t.hostName()).isEqualTo("bob-desktop");
                        assertThat(t.ownerLogin()).isEqualTo("bob");
                    });
        }
    }

    @Test
    void appNamesAndUserGroupLabelsThatDifferOnlyByCaseAreOneName() throws Exception {
        // H2 took 'ECHO' as a new app beside the administrator's 'echo', and 'CASE-TEAM' beside 'case-team'.
        DataView binary = upload(alice, "case.sh");
        refused(() -> alice.post("/api/v1/apps", new AppCreate("ECHO", "amd64", "linux", binary.uid()), AppView.class),
                403, "forbidden", "app 'echo' belongs to another user");
        AppView own = alice.post("/api/v1/apps", new AppCreate("Case-Tool", "amd64", "linux", binary.uid()), AppView.class);
        AppView same = alice.post("/api/v1/apps", new AppCreate("case-tool", "aarch64", "linux", upload(alice, "arm.sh").uid()),
                AppView.class);
        assertThat(same.uid()).isEqualTo(own.uid());
        assertThat(same.name()).isEqualTo("Case-Tool");
        assertThat(same.binaries()).hasSize(2);
        assertThat(alice.get("/api/v1/apps/CASE-TOOL", AppView.class).uid()).isEqualTo(own.uid());

        admin.post("/api/v1/usergroups", new UsergroupCreate("case-team"), UsergroupView.class);
        refused(() -> admin.post("/api/v1/usergroups", new UsergroupCreate("CASE-TEAM"),
                UsergroupView.class), 409, "conflict", "differ only by case");
    }

    @Test
    void aUserGroupIsFoundByItsLabelInAnyCase() throws Exception {
        // H2 answered 404 to 'LOOKUP-TEAM' for the group 'lookup-team', which MariaDB's collation found.
        UsergroupView team = admin.post("/api/v1/usergroups", new UsergroupCreate("lookup-team"), UsergroupView.class);
        assertThat(admin.get("/api/v1/usergroups/LOOKUP-TEAM", UsergroupView.class).uid()).isEqualTo(team.uid());
        UserView member = admin.post("/api/v1/users", new UserCreate("case-member", PASSWORD, null, UserRights.STANDARD_USER,
                "Lookup-Team"), UserView.class);
        assertThat(member.usergroupUid()).isEqualTo(team.uid());
        refused(() -> admin.get("/api/v1/usergroups/lookup-teams", UsergroupView.class), 404, "not-found", "no user group");
    }

    @Test
    void replacingTheBinaryOfAnotherUsersAppIsForbiddenAndTheOwnerMayReplaceIt() throws Exception {
        DataView alicesBinary = upload(alice, "mine.sh");
        refused(() -> alice.post("/api/v1/apps", new AppCreate("echo", "amd64", "linux", alicesBinary.uid()), AppView.class),
                403, "forbidden", "app 'echo' belongs to another user");

        AppView own = alice.post("/api/v1/apps", new AppCreate("alices-tool", "amd64", "linux", alicesBinary.uid()), AppView.class);
        DataView newer = upload(alice, "mine-v2.sh");
        AppView replaced = alice.post("/api/v1/apps", new AppCreate("alices-tool", "amd64", "linux", newer.uid()), AppView.class);
        assertThat(replaced.uid()).isEqualTo(own.uid());
        assertThat(replaced.binaries()).singleElement().satisfies(b -> assertThat(b.dataUid()).isEqualTo(newer.uid()));
        refused(() -> bob.post("/api/v1/apps", new AppCreate("alices-tool", "amd64", "linux", upload(bob, "b.sh").uid()),
                AppView.class), 403, "forbidden", "belongs to another user");
    }
}
