package xtremweb.server.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.GroupingCreate;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.HeartbeatReply;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.RightsChange;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.UsergroupCreate;
import xtremweb.common.wire.UsergroupView;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkBatchResult;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;
import xtremweb.server.ServerConfig;
import xtremweb.server.XtremWebServer;

/**
 * Sessions, groups of works and batches of works over the real HTTPS API, on the database the
 * subclass names (embedded H2, MariaDB).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionsAndGroupsApiContract {
    private static final String PASSWORD = "correct-horse-1";
    private static final TypeReference<List<GroupingView>> GROUPINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<WorkView>> WORKS = new TypeReference<>() {
    };

    // Static: JUnit fills instance @TempDir fields only after @BeforeAll has run.
    @TempDir
    static Path home;
    private XtremWebServer server;
    private final Properties credentials = new Properties();
    private XwHttpClient alice;
    private XwHttpClient bob;
    private XwHttpClient admin;

    /** Extra server configuration keys (the database), empty for the embedded default. */
    abstract Map<String, String> databaseConfig() throws Exception;

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
        byte[] binary = "#!/bin/sh\necho \"$@\"\n".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(binary));
        DataView data = admin.post("/api/v1/datas", new DataCreate("echo.sh", null, null, null, (long) binary.length, sha, null),
                DataView.class);
        admin.upload("/api/v1/datas/" + data.uid() + "/content", Files.write(home.resolve("echo.sh"), binary), Map.of(), DataView.class);
        admin.post("/api/v1/apps", new AppCreate("echo", "amd64", "linux", data.uid()), xtremweb.common.wire.AppView.class);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        dropDatabase();
    }

    /** Drops what {@link #databaseConfig} created, if anything. */
    abstract void dropDatabase() throws Exception;

    private XwHttpClient login(String login, String password) {
        XwHttpClient client = new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()),
                PinnedTrust.readPem(Path.of(credentials.getProperty("server.certificate"))));
        client.token(client.post("/api/v1/login", new LoginRequest(login, password), TokenResponse.class).token());
        return client;
    }

    private static GroupingView session(XwHttpClient who, String name) {
        return who.post("/api/v1/sessions", new GroupingCreate(name), GroupingView.class);
    }

    private static WorkView submit(XwHttpClient who, String sessionUid, String groupUid, String... args) {
        return who.post("/api/v1/works", new WorkSubmit("echo", List.of(args), null, null, null, null, null, null, null,
                sessionUid, groupUid), WorkView.class);
    }

    private static void refused(ThrowingCallable call, int status, String code, String detailPart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XwApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(detailPart);
        });
    }

    @Test
    void aPrivateSessionIsListedAndReadOnlyByItsOwnerAndSuperUsers() {
        GroupingView mine = session(alice, "calibration");
        assertThat(mine.accessRights()).isEqualTo("0x700");
        assertThat(mine.ownerUid()).isEqualTo(alice.get("/api/v1/users/me", UserView.class).uid());
        assertThat(alice.get("/api/v1/sessions", GROUPINGS)).extracting(GroupingView::uid).contains(mine.uid());
        assertThat(admin.get("/api/v1/sessions", GROUPINGS)).extracting(GroupingView::uid).contains(mine.uid());
        assertThat(bob.get("/api/v1/sessions", GROUPINGS)).extracting(GroupingView::uid).doesNotContain(mine.uid());
        assertThat(alice.get("/api/v1/sessions/" + mine.uid(), GroupingView.class).name()).isEqualTo("calibration");
        refused(() -> bob.get("/api/v1/sessions/" + mine.uid(), GroupingView.class), 404, "session-not-found", "xwsessions");

        GroupingView shared = alice.put("/api/v1/sessions/" + mine.uid() + "/rights", new RightsChange("0x744"), GroupingView.class);
        assertThat(shared.accessRights()).isEqualTo("0x744");
        assertThat(bob.get("/api/v1/sessions", GROUPINGS)).extracting(GroupingView::uid).contains(mine.uid());
    }

    @Test
    void listingsNameEachOwnerByLoginBesideItsUid() {
        String adminLogin = credentials.getProperty("admin.login");
        GroupingView shared = alice.post("/api/v1/sessions", new GroupingCreate("named", "0x744"), GroupingView.class);
        assertThat(bob.get("/api/v1/sessions", GROUPINGS)).filteredOn(g -> g.uid().equals(shared.uid())).singleElement()
                .satisfies(g -> {
                    assertThat(g.ownerLogin()).isEqualTo("alice");
                    assertThat(g.ownerUid()).isEqualTo(shared.ownerUid());
                });
        assertThat(bob.get("/api/v1/datas", new TypeReference<List<DataView>>() { }))
                .filteredOn(d -> d.name().equals("echo.sh")).singleElement().satisfies(d -> assertThat(d.ownerLogin()).isEqualTo(adminLogin));
        assertThat(bob.get("/api/v1/apps", new TypeReference<List<xtremweb.common.wire.AppView>>() { }))
                .filteredOn(a -> a.name().equals("echo")).singleElement().satisfies(a -> assertThat(a.ownerLogin()).isEqualTo(adminLogin));

        UsergroupView team = admin.post("/api/v1/usergroups", new UsergroupCreate("named-team"), UsergroupView.class);
        admin.post("/api/v1/users", new UserCreate("carol", PASSWORD, null, UserRights.STANDARD_USER, "named-team"), UserView.class);
        assertThat(admin.get("/api/v1/users", new TypeReference<List<UserView>>() { })).filteredOn(u -> u.login().equals("carol"))
                .singleElement().satisfies(u -> {
                    assertThat(u.usergroupLabel()).isEqualTo("named-team");
                    assertThat(u.usergroupUid()).isEqualTo(team.uid());
                });
        assertThat(admin.get("/api/v1/usergroups", new TypeReference<List<UsergroupView>>() { }))
                .filteredOn(g -> g.uid().equals(team.uid())).singleElement().satisfies(g -> assertThat(g.ownerLogin()).isEqualTo(adminLogin));
    }

    @Test
    void aSecondSessionOrGroupOfTheSameNameIsRefusedNamingTheFirstButOnlyForTheSameOwner() {
        GroupingView first = session(alice, "twice");
        refused(() -> session(alice, "twice"), 409, "session-exists", first.uid());
        refused(() -> session(alice, "TWICE"), 409, "session-exists", "named 'twice'");
        assertThat(alice.get("/api/v1/sessions", GROUPINGS)).filteredOn(g -> g.name().equalsIgnoreCase("twice")).hasSize(1);
        // names are per owner, and sessions and groups are two kinds
        GroupingView bobs = session(bob, "twice");
        assertThat(bobs.uid()).isNotEqualTo(first.uid());
        GroupingView group = alice.post("/api/v1/groups", new GroupingCreate("twice"), GroupingView.class);
        refused(() -> alice.post("/api/v1/groups", new GroupingCreate("twice"), GroupingView.class), 409, "group-exists",
                group.uid());
        // a deleted one's name is free again
        alice.delete("/api/v1/sessions/" + first.uid());
        assertThat(session(alice, "twice").uid()).isNotEqualTo(first.uid());
    }

    @Test
    void worksNameTheirOwnerByLoginSoAnAdministratorListingEveryonesTellsThemApart() {
        WorkView alices = submit(alice, null, null, "a");
        WorkView bobs = submit(bob, null, null, "b");
        assertThat(admin.get("/api/v1/works", WORKS)).filteredOn(w -> w.uid().equals(alices.uid()) || w.uid().equals(bobs.uid()))
                .extracting(WorkView::ownerLogin, WorkView::ownerUid)
                .containsExactlyInAnyOrder(tuple("alice", alices.ownerUid()), tuple("bob", bobs.ownerUid()));
        assertThat(admin.get("/api/v1/works/" + bobs.uid(), WorkView.class).ownerLogin()).isEqualTo("bob");
    }

    @Test
    void worksInsertedIntoASessionAndAGroupAreListedByEach() {
        GroupingView run = session(alice, "run-1");
        GroupingView group = alice.post("/api/v1/groups", new GroupingCreate("energies"), GroupingView.class);
        WorkView both = submit(alice, run.uid(), group.uid(), "1");
        WorkView sessionOnly = submit(alice, run.uid(), null, "2");
        WorkView neither = submit(alice, null, null, "3");
        assertThat(both.sessionUid()).isEqualTo(run.uid());
        assertThat(both.groupUid()).isEqualTo(group.uid());

        assertThat(alice.get("/api/v1/works?session=" + run.uid(), WORKS)).extracting(WorkView::uid)
                .containsExactly(both.uid(), sessionOnly.uid());
        assertThat(alice.get("/api/v1/works?group=" + group.uid(), WORKS)).extracting(WorkView::uid).containsExactly(both.uid());
        assertThat(alice.get("/api/v1/works?session=" + run.uid() + "&status=COMPLETED", WORKS)).isEmpty();
        assertThat(alice.get("/api/v1/works", WORKS)).extracting(WorkView::uid).contains(neither.uid());
        assertThat(alice.get("/api/v1/groups/" + group.uid(), GroupingView.class).name()).isEqualTo("energies");
    }

    @Test
    void submittingIntoAnotherUsersPrivateSessionOrGroupIsNotFoundAsItsLookupAndInsertsNothing() {
        GroupingView alices = session(alice, "private");
        GroupingView alicesGroup = alice.post("/api/v1/groups", new GroupingCreate("private"), GroupingView.class);
        // The refusal must not tell a hidden session from one that does not exist: it is the lookup's own 404.
        XwApiException lookup = catchThrowableOfType(XwApiException.class,
                () -> bob.get("/api/v1/sessions/" + alices.uid(), GroupingView.class));
        assertThat(lookup.status()).isEqualTo(404);
        refused(() -> submit(bob, alices.uid(), null), 404, lookup.code(), lookup.getMessage());
        refused(() -> bob.post("/api/v1/works/batch", new WorkBatch(new WorkSubmit("echo", List.of(), null, null, null, null,
                null, null, null, alices.uid(), null), List.of(new WorkBatch.Job(List.of("x"), "x"))), WorkBatchResult.class),
                404, lookup.code(), lookup.getMessage());
        XwApiException groupLookup = catchThrowableOfType(XwApiException.class,
                () -> bob.get("/api/v1/groups/" + alicesGroup.uid(), GroupingView.class));
        refused(() -> submit(bob, null, alicesGroup.uid()), 404, groupLookup.code(), groupLookup.getMessage());
        assertThat(alice.get("/api/v1/works?session=" + alices.uid(), WORKS)).isEmpty();
        assertThat(admin.get("/api/v1/works?session=" + alices.uid(), WORKS)).isEmpty();
        // Nor does listing by it: bob is told what a lookup tells him.
        refused(() -> bob.get("/api/v1/works?session=" + alices.uid(), WORKS), 404, lookup.code(), lookup.getMessage());
    }

    @Test
    void submittingIntoASessionOrGroupTheCallerMayReadButNotWriteIsForbidden() {
        GroupingView shown = alice.post("/api/v1/sessions", new GroupingCreate("shown", "0x744"), GroupingView.class);
        GroupingView shownGroup = alice.post("/api/v1/groups", new GroupingCreate("shown", "0x744"), GroupingView.class);
        refused(() -> submit(bob, shown.uid(), null), 403, "forbidden", "you may not insert works into session " + shown.uid());
        refused(() -> submit(bob, null, shownGroup.uid()), 403, "forbidden", "you may not insert works into group " + shownGroup.uid());
        assertThat(alice.get("/api/v1/works?session=" + shown.uid(), WORKS)).isEmpty();
    }

    @Test
    void anUnknownOrDeletedSessionOrGroupIsNotFound() {
        refused(() -> submit(alice, "no-such-session", null), 404, "session-not-found", "no session no-such-session");
        refused(() -> submit(alice, null, "no-such-group"), 404, "group-not-found", "list yours with xwgroups");
        GroupingView gone = session(alice, "gone");
        alice.delete("/api/v1/sessions/" + gone.uid());
        refused(() -> submit(alice, gone.uid(), null), 404, "session-not-found", gone.uid());
        refused(() -> alice.get("/api/v1/sessions/" + gone.uid(), GroupingView.class), 404, "session-not-found", gone.uid());
        refused(() -> bob.delete("/api/v1/groups/no-such-group"), 404, "group-not-found", "no-such-group");
        // Listing the works of one (xwworks --xwsession): said, not an empty list as if it held none.
        refused(() -> alice.get("/api/v1/works?session=" + gone.uid(), WORKS), 404, "session-not-found", gone.uid());
        refused(() -> alice.get("/api/v1/works?group=no-such-group", WORKS), 404, "group-not-found", "no-such-group");
    }

    @Test
    void aUidTypedInCapitalsNamesTheSameObject() {
        GroupingView run = session(alice, "caps");
        WorkView work = submit(alice, run.uid(), null, "1");
        String upper = work.uid().toUpperCase(java.util.Locale.ROOT);

        assertThat(alice.get("/api/v1/works/" + upper, WorkView.class).uid()).isEqualTo(work.uid());
        assertThat(alice.get("/api/v1/sessions/" + run.uid().toUpperCase(java.util.Locale.ROOT), GroupingView.class).uid())
                .isEqualTo(run.uid());
    }

    @Test
    void aSessionOrGroupUidTypedInCapitalsInsertsIntoItAndListsIt() {
        GroupingView run = session(alice, "caps-run");
        GroupingView group = alice.post("/api/v1/groups", new GroupingCreate("caps-group"), GroupingView.class);
        String upperRun = run.uid().toUpperCase(java.util.Locale.ROOT);
        String upperGroup = group.uid().toUpperCase(java.util.Locale.ROOT);
        // As any client may send it: the UIDs in capitals, exactly as typed.
        WorkView work = alice.post("/api/v1/works", Map.of("app", "echo", "args", List.of("1"), "sessionUid", upperRun,
                "groupUid", upperGroup), WorkView.class);

        assertThat(work.sessionUid()).isEqualTo(run.uid());
        assertThat(work.groupUid()).isEqualTo(group.uid());
        assertThat(alice.get("/api/v1/works?session=" + upperRun, WORKS)).extracting(WorkView::uid).containsExactly(work.uid());
        assertThat(alice.get("/api/v1/works?group=" + upperGroup, WORKS)).extracting(WorkView::uid).containsExactly(work.uid());
    }

    @Test
    void onlyTheOwnerDeletesASharedSession() {
        GroupingView shared = alice.post("/api/v1/sessions", new GroupingCreate("shared", "0x755"), GroupingView.class);
        refused(() -> bob.delete("/api/v1/sessions/" + shared.uid()), 403, "forbidden", "only the owner of session");
        assertThat(bob.get("/api/v1/sessions/" + shared.uid(), GroupingView.class).uid()).isEqualTo(shared.uid());
    }

    @Test
    void deletingASessionDeletesItsWorksAndCancelsTheRunningOne() {
        GroupingView doomed = session(alice, "doomed");
        // No other pending work of alice's may be claimed first: the host below runs only her jobs.
        for (WorkView w : alice.get("/api/v1/works?status=PENDING", WORKS)) {
            alice.delete("/api/v1/works/" + w.uid());
        }
        WorkView running = submit(alice, doomed.uid(), null, "runs");
        WorkView pending = submit(alice, doomed.uid(), null, "waits");
        WorkView outside = submit(alice, null, null, "stays");

        XwHttpClient host = login("alice", PASSWORD);
        host.token(host.post("/api/v1/worker/register", new HostRegistration(null, "alice-pc", "linux", "amd64", 2, 1L << 30, "21"),
                HostCredential.class).hostToken());
        WorkResponse claimed = host.post("/api/v1/worker/workrequest", new WorkRequest(5), WorkResponse.class);
        assertThat(claimed.assignment().workUid()).isEqualTo(running.uid());
        assertThat(alice.get("/api/v1/works/" + running.uid(), WorkView.class).status()).isEqualTo(WorkStatus.RUNNING);

        alice.delete("/api/v1/sessions/" + doomed.uid());

        for (WorkView gone : List.of(running, pending)) {
            refused(() -> alice.get("/api/v1/works/" + gone.uid(), WorkView.class), 404, "work-not-found", gone.uid());
        }
        assertThat(alice.get("/api/v1/works/" + outside.uid(), WorkView.class).status()).isEqualTo(WorkStatus.PENDING);
        HeartbeatReply reply = host.post("/api/v1/worker/heartbeat", new Heartbeat(List.of(claimed.assignment().taskUid())),
                HeartbeatReply.class);
        assertThat(reply.cancelTaskUids()).containsExactly(claimed.assignment().taskUid());
        alice.delete("/api/v1/works/" + outside.uid());
    }

    @Test
    void aBatchInsertsEveryJobWithItsOwnArgumentsAndLabelInOrder() {
        GroupingView sweep = session(alice, "sweep");
        List<WorkBatch.Job> jobs = List.of(new WorkBatch.Job(List.of("-x", "1"), "sweep-1"),
                new WorkBatch.Job(List.of("two words", ""), "sweep-2"), new WorkBatch.Job(List.of(), "sweep-4"));
        WorkBatchResult result = alice.post("/api/v1/works/batch", new WorkBatch(new WorkSubmit("echo", List.of(), null, null,
                null, null, null, null, null, sweep.uid(), null), jobs), WorkBatchResult.class);

        List<WorkView> works = alice.get("/api/v1/works?session=" + sweep.uid(), WORKS);
        assertThat(works).extracting(WorkView::uid).containsExactlyElementsOf(result.uids());
        assertThat(works).extracting(WorkView::args).containsExactly(List.of("-x", "1"), List.of("two words", ""), List.of());
        assertThat(works).extracting(WorkView::label).containsExactly("sweep-1", "sweep-2", "sweep-4");
        assertThat(works).allSatisfy(w -> assertThat(w.status()).isEqualTo(WorkStatus.PENDING));
        alice.delete("/api/v1/sessions/" + sweep.uid());
    }

    @Test
    void aSessionOfMoreWorksThanOneListingHoldsIsListedPageByPage() {
        GroupingView sweep = session(alice, "big-sweep");
        int count = WorkView.LISTED_AT_MOST + 7;
        List<WorkBatch.Job> jobs = java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> new WorkBatch.Job(List.of("x=" + i), "p" + i)).toList();
        WorkSubmit common = new WorkSubmit("echo", List.of(), null, null, null, null, null, null, null, sweep.uid(), null);
        List<String> submitted = new java.util.ArrayList<>();
        // a batch holds at most as many jobs as a page: two batches
        for (List<WorkBatch.Job> part : List.of(jobs.subList(0, WorkView.LISTED_AT_MOST), jobs.subList(WorkView.LISTED_AT_MOST, count))) {
            submitted.addAll(alice.post("/api/v1/works/batch", new WorkBatch(common, part), WorkBatchResult.class).uids());
        }

        List<WorkView> first = alice.get("/api/v1/works?session=" + sweep.uid(), WORKS);
        String last = first.get(first.size() - 1).uid();
        List<WorkView> second = alice.get("/api/v1/works?session=" + sweep.uid() + "&after=" + last, WORKS);
        List<WorkView> beyond = alice.get("/api/v1/works?session=" + sweep.uid() + "&after="
                + second.get(second.size() - 1).uid(), WORKS);

        assertThat(first).hasSize(WorkView.LISTED_AT_MOST);
        assertThat(second).hasSize(7);
        assertThat(beyond).isEmpty();
        List<String> listed = new java.util.ArrayList<>(first.stream().map(WorkView::uid).toList());
        listed.addAll(second.stream().map(WorkView::uid).toList());
        assertThat(listed).as("every work once, in submission order").containsExactlyElementsOf(submitted);
        assertThat(alice.get("/api/v1/works?session=" + sweep.uid() + "&after=" + java.util.UUID.randomUUID(), WORKS))
                .as("after a work that is not there: nothing, not the first page again").isEmpty();
        refused(() -> alice.get("/api/v1/works?after=1%27%20OR%201=1", WORKS), 400, "bad-after", "is not a work UID");
        alice.delete("/api/v1/sessions/" + sweep.uid());
    }

    @Test
    void aBatchWithOneJobWhoseArgumentsDoNotFitInsertsNothing() {
        GroupingView sweep = session(alice, "too-long");
        List<WorkBatch.Job> jobs = List.of(new WorkBatch.Job(List.of("fine"), "ok-1"),
                new WorkBatch.Job(List.of("x".repeat(20_000)), "long-2"));
        refused(() -> alice.post("/api/v1/works/batch", new WorkBatch(new WorkSubmit("echo", List.of(), null, null, null, null,
                null, null, null, sweep.uid(), null), jobs), WorkBatchResult.class), 400, "bad-request", "work 'long-2'");
        assertThat(alice.get("/api/v1/works?session=" + sweep.uid(), WORKS)).isEmpty();
    }

    @Test
    void aBatchForAnAppThatIsNotThereInsertsNothing() {
        GroupingView sweep = session(alice, "typo");
        refused(() -> alice.post("/api/v1/works/batch", new WorkBatch(new WorkSubmit("ehco", List.of(), null, null, null, null,
                null, null, null, sweep.uid(), null), List.of(new WorkBatch.Job(List.of(), "a"))), WorkBatchResult.class),
                404, "app-not-found", "app 'ehco' is not installed");
        assertThat(alice.get("/api/v1/works?session=" + sweep.uid(), WORKS)).isEmpty();
    }
}
