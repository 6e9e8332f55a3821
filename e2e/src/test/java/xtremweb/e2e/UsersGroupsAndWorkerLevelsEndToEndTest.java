package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.WorkView;

/**
 * The manual's security model end to end, in the spirit of the original integration script: an
 * administrator creates a user group and users inside and outside it; they insert public and
 * private apps and data and submit public, group and private jobs; then a public worker, a group
 * worker and a private worker are started in turn, and each computes exactly the jobs its level
 * allows. Every listing shows each user only what it may see.
 */
class UsersGroupsAndWorkerLevelsEndToEndTest {
    private static final String PASSWORD = "e2e-password-1";
    private static final Pattern GIVEN = Pattern.compile("work ([0-9a-f-]{36}) given to host ([0-9a-f-]{36})");
    private static final Pattern REGISTERED = Pattern.compile("worker registered as host ([0-9a-f-]{36})");

    @TempDir
    Path tmp;

    private Deployment grid;
    /** The administrator through the API, to wait on: looking is then not a client JVM each time. */
    private XwHttpClient adminApi;
    private final Map<String, Path> configs = new HashMap<>();
    private final ExecutorService parallel = Executors.newFixedThreadPool(4);

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "mariadb"})
    void eachWorkerLevelComputesExactlyTheJobsItMayAndListingsShowOnlyWhatEachUserMaySee(String database) throws Exception {
        assumeTrue(database.equals("h2") || Deployment.mariaDbUrl() != null,
                "MariaDB tests run when XW_TEST_MARIADB_URL is set (CI sets it)");
        try (Deployment deployment = Deployment.create(tmp, database)) {
            grid = deployment;
            grid.startServer();
            configs.put("admin", grid.adminConfig());
            adminApi = new XwHttpClient(XwHttpClient.serverUri("localhost", grid.port()),
                    PinnedTrust.readPem(Path.of(grid.credential("server.certificate"))));
            adminApi.token(adminApi.post("/api/v1/login", new LoginRequest(grid.credential("admin.login"),
                    grid.credential("admin.password")), TokenResponse.class).token());

            // The administrator creates a group, users inside it (alice, lead, gworker) and outside (carol, pworker).
            ok("admin", "xwsendusergroup", "team");
            String password = grid.passwordFile("users", PASSWORD).toString();
            all(List.of(
                    () -> ok("admin", "xwsenduser", "--xwpasswordfile", password, "alice", "alice@example.org", "STANDARD_USER", "team"),
                    () -> ok("admin", "xwsenduser", "--xwpasswordfile", password, "lead", "-", "ADVANCED_USER", "team"),
                    () -> ok("admin", "xwsenduser", "--xwpasswordfile", password, "carol", "-", "STANDARD_USER"),
                    () -> ok("admin", "xwsenduser", "--xwpasswordfile", password, "gworker", "-", "WORKER_USER", "team"),
                    () -> ok("admin", "xwsenduser", "--xwpasswordfile", password, "pworker", "-", "WORKER_USER")));
            for (String user : List.of("alice", "lead", "carol")) {
                configs.put(user, grid.clientConfig(user, user, PASSWORD));
            }

            // Apps: lead's is public (ADVANCED_USER), alice's private (STANDARD_USER). Data of every level.
            String apptest = Deployment.SOURCE_ROOT.resolve("apptest/target/apptest").toString();
            String arch = System.getProperty("os.arch");
            // Distinct contents: a worker's input cache is keyed by content, and must not hide the refusal.
            Path privateInput = Files.writeString(tmp.resolve("private.txt"), "private\n");
            Path groupInput = Files.writeString(tmp.resolve("group.txt"), "group\n");
            Path publicInput = Files.writeString(tmp.resolve("public.txt"), "public\n");
            List<String> created = all(List.of(
                    () -> ok("lead", "xwsendapp", "pubapp", arch, "linux", apptest),
                    () -> ok("alice", "xwsendapp", "aliceapp", arch, "linux", apptest),
                    () -> ok("alice", "xwsenddata", "private.txt", privateInput.toString()),
                    () -> ok("alice", "xwsenddata", "group.txt", groupInput.toString()),
                    () -> ok("alice", "xwsenddata", "public.txt", publicInput.toString())));
            String privateData = created.get(2);
            String groupData = created.get(3);
            String publicData = created.get(4);
            assertThat(ok("alice", "xwchmod", "go-rx", privateData)).contains("data 0x700");
            assertThat(ok("alice", "xwchmod", "0x750", groupData)).contains("data 0x750");

            // Jobs: public ones of alice and carol, a group one, a private one of alice, a private one of
            // carol (no worker of hers: it must stay pending) and a public one reading private data.
            List<String> jobs = all(List.of(
                    () -> ok("alice", "xwsendwork", "--xwlabel", "public-alice", "--xwstdin", publicData, "pubapp"),
                    () -> ok("carol", "xwsendwork", "--xwlabel", "public-carol", "pubapp"),
                    () -> ok("alice", "xwsendwork", "--xwlabel", "group-alice", "pubapp"),
                    () -> ok("alice", "xwsendwork", "--xwlabel", "private-alice", "aliceapp"),
                    () -> ok("carol", "xwsendwork", "--xwlabel", "private-carol", "pubapp"),
                    () -> ok("alice", "xwsendwork", "--xwlabel", "public-reads-private", "--xwstdin", privateData, "pubapp")));
            String publicAlice = jobs.get(0);
            String publicCarol = jobs.get(1);
            String groupAlice = jobs.get(2);
            String privateAlice = jobs.get(3);
            String privateCarol = jobs.get(4);
            String publicReadsPrivate = jobs.get(5);
            assertThat(ok("alice", "xwchmod", "o-rx", groupAlice)).contains("work 0x750");
            assertThat(ok("carol", "xwchmod", "0x700", privateCarol)).contains("work 0x700");
            assertThat(allWorks().get(privateAlice).get("accessRights").asText()).isEqualTo("0x700");

            // 1. A public worker: public jobs only; the public job reading private data fails with the reason.
            Daemon publicWorker = grid.startWorker("public-worker", 2, "pworker", PASSWORD);
            Map<String, JsonNode> seen = awaitFinal(publicAlice, publicCarol, publicReadsPrivate);
            assertThat(statuses(seen, publicAlice, publicCarol, publicReadsPrivate)).containsExactly("COMPLETED", "COMPLETED", "ERROR");
            assertThat(seen.get(publicReadsPrivate).get("errorMessage").asText())
                    .contains("private.txt").contains("0x700").contains("may not read");
            assertThat(statuses(seen, groupAlice, privateAlice, privateCarol)).containsOnly("PENDING");
            String publicHost = host(publicWorker);
            publicWorker.stop();

            // 2. A group worker: the group's job too (public ones are already done).
            Daemon groupWorker = grid.startWorker("group-worker", 2, "gworker", PASSWORD);
            seen = awaitFinal(groupAlice);
            assertThat(statuses(seen, groupAlice)).containsOnly("COMPLETED");
            assertThat(statuses(seen, privateAlice, privateCarol)).containsOnly("PENDING");
            String groupHost = host(groupWorker);
            groupWorker.stop();

            // 3. Alice's private worker: her private job, never carol's.
            Daemon privateWorker = grid.startWorker("private-worker", 2, "alice", PASSWORD);
            seen = awaitFinal(privateAlice);
            assertThat(statuses(seen, privateAlice)).containsOnly("COMPLETED");
            assertThat(statuses(seen, privateCarol)).containsOnly("PENDING");
            String privateHost = host(privateWorker);

            // The server's own record of who got what.
            Map<String, String> given = new HashMap<>();
            Matcher m = GIVEN.matcher(grid.server().output());
            while (m.find()) {
                given.put(m.group(1), m.group(2));
            }
            assertThat(given).containsOnlyKeys(publicAlice, publicCarol, publicReadsPrivate, groupAlice, privateAlice);
            assertThat(given).containsEntry(publicAlice, publicHost).containsEntry(publicCarol, publicHost)
                    .containsEntry(publicReadsPrivate, publicHost).containsEntry(groupAlice, groupHost)
                    .containsEntry(privateAlice, privateHost);

            // Listings: each user sees only what it may read.
            List<String> listings = all(List.of(
                    () -> ok("carol", "xwdatas"),
                    () -> ok("lead", "xwdatas"),
                    () -> ok("carol", "xwapps"),
                    () -> ok("lead", "xwapps"),
                    () -> ok("alice", "xwusers"),
                    () -> ok("carol", "xwusergroups"),
                    () -> ok("lead", "xwusergroups"),
                    () -> ok("admin", "xwworkers"),
                    () -> ok("carol", "xwworks", "--xwformat", "json"),
                    () -> ok("lead", "xwworks", "--xwformat", "json")));
            assertThat(byUid(listings.get(8))).containsOnlyKeys(publicCarol, privateCarol);
            assertThat(byUid(listings.get(9))).isEmpty();
            assertThat(listings.get(0)).contains(publicData).doesNotContain(privateData).doesNotContain(groupData);
            assertThat(listings.get(1)).contains(publicData, groupData).doesNotContain(privateData);
            assertThat(listings.get(2)).contains("pubapp").doesNotContain("aliceapp");
            assertThat(listings.get(3)).contains("pubapp").doesNotContain("aliceapp");
            assertThat(listings.get(4)).contains("alice").doesNotContain("carol").doesNotContain("admin");
            assertThat(listings.get(5).lines().skip(1)).isEmpty();
            assertThat(listings.get(6)).contains("team");
            assertThat(listings.get(7)).contains(publicHost, groupHost, privateHost);

            // Refusals through the CLI, with the exit code for "denied".
            Command.Result chmod = grid.client(configs.get("carol"), "xwchmod", List.of("0x777", publicAlice));
            assertThat(chmod.exitCode()).as(chmod.describe()).isEqualTo(4);
            assertThat(chmod.stderr()).contains("only the owner");
            Command.Result senduser = grid.client(configs.get("lead"), "xwsenduser",
                    List.of("--xwpasswordfile", grid.passwordFile("boss", PASSWORD).toString(), "boss", "-", "SUPER_USER"));
            assertThat(senduser.exitCode()).as(senduser.describe()).isEqualTo(4);
            assertThat(ok("alice", "xwrm", privateData)).contains("data deleted");
            assertThat(ok("alice", "xwdatas")).doesNotContain(privateData);
            assertThat(grid.server().isAlive()).isTrue();
        } finally {
            parallel.shutdownNow();
        }
    }

    /** Runs a client command as {@code user} and returns its trimmed stdout; it must succeed. */
    private String ok(String user, String command, String... args) throws Exception {
        Command.Result result = grid.client(configs.get(user), command, List.of(args));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result.stdout().trim();
    }

    private List<String> all(List<Callable<String>> commands) throws Exception {
        List<Future<String>> futures = new ArrayList<>();
        for (Callable<String> command : commands) {
            futures.add(parallel.submit(command));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    private static Map<String, JsonNode> byUid(String json) throws Exception {
        Map<String, JsonNode> byUid = new HashMap<>();
        new ObjectMapper().readTree(json).forEach(w -> byUid.put(w.get("uid").asText(), w));
        return byUid;
    }

    /** Alice's and carol's works as they see them (listed in parallel), by UID. */
    private Map<String, JsonNode> allWorks() throws Exception {
        Map<String, JsonNode> works = new HashMap<>();
        for (String json : all(List.of(() -> ok("alice", "xwworks", "--xwformat", "json"),
                () -> ok("carol", "xwworks", "--xwformat", "json")))) {
            works.putAll(byUid(json));
        }
        return works;
    }

    private static List<String> statuses(Map<String, JsonNode> works, String... uids) {
        List<String> statuses = new ArrayList<>();
        for (String uid : uids) {
            statuses.add(works.get(uid).get("status").asText());
        }
        return statuses;
    }

    /**
     * Waits until the works ended (COMPLETED or ERROR), looking through the administrator's API
     * (two client JVMs a look would take the CPU the worker computes with); returns alice's and
     * carol's listings through the CLI once they have.
     */
    private Map<String, JsonNode> awaitFinal(String... uids) throws Exception {
        Set<String> wanted = Set.of(uids);
        Awaitility.await("works " + String.join(", ", uids) + " ended").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> adminApi.get("/api/v1/works", new TypeReference<List<WorkView>>() { }).stream()
                        .filter(w -> wanted.contains(w.uid()))
                        .filter(w -> w.status() == WorkStatus.COMPLETED || w.status() == WorkStatus.ERROR).count() == wanted.size());
        Map<String, JsonNode> seen = allWorks();
        assertThat(statuses(seen, uids)).as("as alice and carol list them").allMatch(s -> s.equals("COMPLETED") || s.equals("ERROR"));
        return seen;
    }

    private static String host(Daemon worker) throws Exception {
        Matcher m = REGISTERED.matcher(worker.output());
        assertThat(m.find()).as("worker %s registered", worker).isTrue();
        return m.group(1);
    }
}
