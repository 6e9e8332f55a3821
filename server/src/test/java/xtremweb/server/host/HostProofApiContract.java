package xtremweb.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.HeartbeatReply;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.ResultReceipt;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;
import xtremweb.server.ApiServer;

/**
 * A host UID is kept across registrations only by the host itself, proven by its current host
 * token: the worker account is shared by many volunteers and host UIDs are listed to users, so
 * anyone of that account naming another's UID must get a host of its own, never the other's
 * credential or tasks. Over the real HTTPS API on the database the subclass names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostProofApiContract {
    private static final TypeReference<List<HostView>> HOSTS = new TypeReference<>() {
    };

    @TempDir
    static Path home;
    private ApiServer api;
    private XwHttpClient admin;
    private Path resultZip;

    abstract Map<String, String> databaseConfig() throws Exception;

    abstract void dropDatabase() throws Exception;

    @BeforeAll
    void start() throws Exception {
        api = ApiServer.start(home, databaseConfig());
        admin = api.loggedIn("admin");
        resultZip = Files.write(home.resolve("result.zip"), "PK\u0005\u0006 made up".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        dropDatabase();
    }

    private XwHttpClient loggedIn(String who) {
        return api.loggedIn(who);
    }

    private XwHttpClient host(HostCredential credential) {
        return api.host(credential);
    }

    /** A registration with the shared worker account, as {@code hostUid} (null: a first one) with {@code hostToken} as proof. */
    private HostCredential register(String hostUid, String hostToken, String name) {
        return loggedIn("worker").post("/api/v1/worker/register",
                new HostRegistration(hostUid, name, "linux", "amd64", 2, 1L << 30, "21").withHostToken(hostToken),
                HostCredential.class);
    }

    /** A host of the worker account running a work just submitted: its task. */
    private Assignment running(XwHttpClient host) {
        String work = admin.post("/api/v1/works", new WorkSubmit("true", List.of(), null, null, null), WorkView.class).uid();
        WorkResponse claimed = host.post("/api/v1/worker/workrequest", new WorkRequest(0, 1), WorkResponse.class);
        assertThat(claimed.all()).extracting(Assignment::workUid).containsExactly(work);
        return claimed.assignment();
    }

    private ResultReceipt complete(XwHttpClient host, Assignment task) {
        return host.upload("/api/v1/worker/tasks/" + task.taskUid() + "/result?exitCode=0", resultZip, Map.of(), ResultReceipt.class);
    }

    private WorkStatus status(Assignment task) {
        return admin.get("/api/v1/works/" + task.workUid(), WorkView.class).status();
    }

    private static void refusedWith(int status, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    @Test
    void anotherVolunteerOfTheSharedAccountNamingAHostUidGetsAHostOfItsOwn() {
        HostCredential victim = register(null, null, "victim-pc");
        XwHttpClient victimHost = host(victim);
        Assignment task = running(victimHost);

        // The attack: the victim's UID (listed by xwtasks), the shared account's token, no host token.
        HostCredential impostor = register(victim.hostUid(), null, "vm");

        assertThat(impostor.hostUid()).isNotEqualTo(victim.hostUid());
        XwHttpClient impostorHost = host(impostor);
        refusedWith(403, () -> complete(impostorHost, task));
        assertThat(status(task)).isEqualTo(WorkStatus.RUNNING);
        // The victim's host is as it was: its token works, its name stands, its task's result is its own to give.
        assertThat(victimHost.post("/api/v1/worker/heartbeat", new Heartbeat(List.of(task.taskUid())), HeartbeatReply.class)
                .cancelTaskUids()).isEmpty();
        assertThat(admin.get("/api/v1/hosts", HOSTS)).filteredOn(h -> h.uid().equals(victim.hostUid()))
                .singleElement().satisfies(h -> assertThat(h.name()).isEqualTo("victim-pc"));
        complete(victimHost, task);
        assertThat(status(task)).isEqualTo(WorkStatus.COMPLETED);
    }

    @Test
    void aHostRestartingWithItsTokenKeepsItsUidAndDeliversItsRunningTasksResult() {
        HostCredential before = register(null, null, "restarting");
        Assignment task = running(host(before));

        HostCredential after = register(before.hostUid(), before.hostToken(), "restarting");

        assertThat(after.hostUid()).isEqualTo(before.hostUid());
        assertThat(after.hostToken()).isNotEqualTo(before.hostToken());
        refusedWith(401, () -> host(before).post("/api/v1/worker/heartbeat", new Heartbeat(List.of()), HeartbeatReply.class));
        complete(host(after), task);
        assertThat(status(task)).isEqualTo(WorkStatus.COMPLETED);
    }

    @Test
    void aRegistrationWithAWrongTokenGetsANewUidAndLeavesTheHostAlone() {
        HostCredential victim = register(null, null, "victim-2");
        HostCredential other = register(null, null, "other");
        String guessed = "xwh_" + victim.hostUid() + ".guessed-secret";

        for (String wrong : List.of(guessed, other.hostToken(), "not a host token", "")) {
            HostCredential fresh = register(victim.hostUid(), wrong, "vm");
            assertThat(fresh.hostUid()).as(wrong).isNotIn(victim.hostUid(), other.hostUid());
        }
        assertThat(host(victim).post("/api/v1/worker/heartbeat", new Heartbeat(List.of()), HeartbeatReply.class)).isNotNull();
        assertThat(host(other).post("/api/v1/worker/heartbeat", new Heartbeat(List.of()), HeartbeatReply.class)).isNotNull();
    }

    @Test
    void aRevokedTokenIsNoLongerProof() {
        HostCredential first = register(null, null, "twice");
        HostCredential second = register(first.hostUid(), first.hostToken(), "twice");

        HostCredential replayed = register(first.hostUid(), first.hostToken(), "twice");

        assertThat(replayed.hostUid()).isNotEqualTo(first.hostUid());
        assertThat(host(second).post("/api/v1/worker/heartbeat", new Heartbeat(List.of()), HeartbeatReply.class)).isNotNull();
    }

    @Test
    void aHostTokenLoggedOutIsRevokedAndProvesNothingAfter() {
        HostCredential credential = register(null, null, "leaving");
        XwHttpClient host = host(credential);
        assertThat(host.post("/api/v1/worker/heartbeat", new Heartbeat(List.of()), HeartbeatReply.class)).isNotNull();

        host.post("/api/v1/logout", Map.of(), Void.class);

        // As API.md says of logout: the token is revoked (it was answered 204 and kept working).
        refusedWith(401, () -> host.post("/api/v1/worker/heartbeat", new Heartbeat(List.of()), HeartbeatReply.class));
        refusedWith(401, () -> host.post("/api/v1/worker/workrequest", new WorkRequest(0, 1), WorkResponse.class));
        assertThat(register(credential.hostUid(), credential.hostToken(), "leaving").hostUid()).isNotEqualTo(credential.hostUid());
        // A user's logout is unchanged.
        XwHttpClient user = loggedIn("worker");
        user.post("/api/v1/logout", Map.of(), Void.class);
        refusedWith(401, () -> user.get("/api/v1/users/me", UserView.class));
    }

    @Test
    void aWorkerOfThePreviousVersionSendingNoTokenStillRegistersAndWorks() {
        HostCredential first = register(null, null, "old-worker");
        // Exactly what such a worker sends on its restart: its UID, no hostToken field at all.
        Map<String, Object> old = Map.of("hostUid", first.hostUid(), "name", "old-worker", "os", "linux", "cpu", "amd64",
                "cpuCount", 2, "memoryBytes", 1L << 30, "javaVersion", "21");

        HostCredential restarted = loggedIn("worker").post("/api/v1/worker/register", old, HostCredential.class);

        assertThat(restarted.hostUid()).isNotEqualTo(first.hostUid());
        XwHttpClient host = host(restarted);
        Assignment task = running(host);
        complete(host, task);
        assertThat(status(task)).isEqualTo(WorkStatus.COMPLETED);
    }
}
