package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.model.DataStatus;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.UsergroupView;

/**
 * What a new user tripped on, against the fake server: listings that name hosts and owners, rights
 * set when an app or a data is sent, and a new user's password that never is an argument.
 */
class ReadableListingsRightsAndPasswordsTest extends AgainstFakeServer {
    private static final String PC_A = "3f2a9c1d-0000-4000-8000-000000000001";
    private static final String PC_B = "77b0e1aa-0000-4000-8000-000000000002";
    private static final String SERVER = "5e5e5e5e-0000-4000-8000-000000000003";
    private static final String ALICE = "a11ce000-0000-4000-8000-000000000004";

    @TempDir
    Path dir;

    private int run(String... args) {
        return run(FakeServer.PASSWORD, java.util.Optional.empty(), () -> { }, args);
    }

    @BeforeEach
    void twoWorkersOnOneMachineAndOneElsewhere() {
        server.hosts.clear();
        server.tasks.clear();
        server.apps.clear();
        server.appRightsAtMost = null;
        server.users.clear();
        server.listedUsers.clear();
        server.listedUsergroups.clear();
        server.listedApps.clear();
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        server.hosts.addAll(List.of(
                new HostView(PC_A, "lab-12", ALICE, "linux", "amd64", 4, 1L << 33, now, true, true, null, null, null, "alice", null, null, null),
                new HostView(PC_B, "lab-12", ALICE, "linux", "amd64", 4, 1L << 33, now, true, true, null, null, null, "alice", null, null, null),
                new HostView(SERVER, "big-server", "0b0b0b0b", "linux", "amd64", 64, 1L << 38, now, true, false, 2400, 1L << 40, null, "bob", "hpc1", "77_3", now)));
        server.tasks.addAll(List.of(
                new TaskView("t1", "w1", PC_B, TaskStatus.DONE, now, now, now, "lab-12", "bob"),
                new TaskView("t2", "w2", PC_A, TaskStatus.RUNNING, now, now, null, "lab-12", "alice"),
                new TaskView("t3", "w3", SERVER, TaskStatus.RUNNING, now, now, null, "big-server", "bob")));
    }

    @Test
    void everyTableShowsTimesToTheSecondAsXwworksDoesWhileCsvKeepsThemWhole() {
        Instant precise = Instant.parse("2026-12-01T10:00:00.123456Z");
        server.hosts.clear();
        server.hosts.add(new HostView(PC_A, "lab-12", ALICE, "linux", "amd64", 4, 1L << 33, precise, true, true, null, null, null,
                "alice", null, null, null));
        server.tasks.clear();
        server.tasks.add(new TaskView("t1", "w1", PC_A, TaskStatus.DONE, precise, precise, precise, "lab-12", "bob"));
        for (String command : List.of("xwworkers", "xwtasks")) {
            out.getBuffer().setLength(0);
            assertThat(run(command)).as(err.toString()).isZero();
            assertThat(out.toString()).as(command).contains("2026-12-01T10:00:00Z").doesNotContain(".123456");
            out.getBuffer().setLength(0);
            assertThat(run(command, "--xwformat", "csv")).as(err.toString()).isZero();
            assertThat(out.toString()).as(command).contains("2026-12-01T10:00:00.123456Z");
        }
    }

    @Test
    void tasksOfWorksNamedBesideAGoneOneAreStillListed() {
        String gone = "00000000-0000-4000-8000-000000000000";

        int exit = run("xwtasks", gone, "w1");

        assertThat(exit).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(out.toString()).contains("t1").doesNotContain("t2");
        assertThat(err.toString()).isNotBlank();
    }

    @Test
    void aTaskThatEndedShowsNoLeaseInTheTableAsItHoldsNoneAnyMore() {
        assertThat(run("xwtasks")).as(err.toString()).isZero();

        List<String> lines = out.toString().lines().toList();
        int lease = lines.get(0).indexOf("LEASE_EXPIRES");
        String done = lines.stream().filter(l -> l.startsWith("t1 ")).findFirst().orElseThrow();
        String running = lines.stream().filter(l -> l.startsWith("t2 ")).findFirst().orElseThrow();
        assertThat(done.substring(lease)).startsWith("- ");
        assertThat(running.substring(lease)).startsWith("2026-12-01T10:00:00Z");
        out.getBuffer().setLength(0);
        // the formats for programs keep the recorded value
        assertThat(run("xwtasks", "--xwformat", "csv")).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("t1,")).findFirst().orElseThrow()).contains("2026-12-01T10:00:00Z");
    }

    @Test
    void workersShowNamesAndLoginsAndTellTwoWorkersOfOneMachineApart() {
        assertThat(run("xwworkers")).as(err.toString()).isZero();

        String table = out.toString();
        assertThat(table.lines().findFirst().orElseThrow()).contains("UID").contains("NAME").contains("OWNER");
        assertThat(table).contains("lab-12 (3f2a9c1d)").contains("lab-12 (77b0e1aa)").contains("alice").contains("bob")
                .contains("big-server ").doesNotContain("big-server (").doesNotContain(ALICE);
    }

    @Test
    void dataSessionsAppsAndUsergroupsNameTheirOwnerByLoginAndUsersTheirGroupByLabel() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        String team = "7ea70000-0000-4000-8000-000000000005";
        server.datas.clear();
        server.sessions.clear();
        server.datas.put("d1", new DataView("d1", "input.txt", null, null, null, 6L, null, DataStatus.AVAILABLE, "0x755", ALICE,
                "xw://h:1/d1", now).withOwnerLogin("alice"));
        server.sessions.put("s1", new GroupingView("s1", "run-1", ALICE, "0x744", now).withOwnerLogin("alice"));
        server.listedApps.add(new AppView("a1", "sim", ALICE, "0x755", List.of(), now).withOwnerLogin("alice"));
        server.listedUsergroups.add(new UsergroupView(team, "team", ALICE, now).withOwnerLogin("alice"));
        server.listedUsers.add(new UserView(ALICE, "alice", null, UserRights.STANDARD_USER, team).withUsergroupLabel("team"));
        for (String command : List.of("xwdatas", "xwsessions", "xwapps", "xwusergroups")) {
            out.getBuffer().setLength(0);
            assertThat(run(command)).as(err.toString()).isZero();
            List<String> lines = out.toString().lines().toList();
            assertThat(lines.get(0)).as(command).contains("OWNER");
            assertThat(lines.get(1)).as(command).contains("alice").doesNotContain(ALICE);
        }
        out.getBuffer().setLength(0);
        assertThat(run("xwusers")).as(err.toString()).isZero();
        assertThat(out.toString().lines().toList().get(1)).contains(" team ").doesNotContain(team);

        // Programs still get the UIDs, beside the names.
        out.getBuffer().setLength(0);
        assertThat(run("xwdatas", "--xwformat", "csv")).as(err.toString()).isZero();
        assertThat(out.toString().lines().findFirst().orElseThrow()).contains("ownerUid", "ownerLogin");
        assertThat(out.toString()).contains(ALICE).contains(",alice");
        out.getBuffer().setLength(0);
        assertThat(run("xwusers", "--xwformat", "csv")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("usergroupUid", "usergroupLabel").contains(team).contains(",team");
    }

    @Test
    void aListingFromAServerThatNamesNoOwnerShowsTheOwnersUid() {
        server.sessions.clear();
        server.sessions.put("s2", new GroupingView("s2", "old", ALICE, "0x700", Instant.parse("2026-12-01T10:00:00Z")));
        assertThat(run("xwsessions")).as(err.toString()).isZero();
        assertThat(out.toString()).contains(ALICE);
    }

    @Test
    void aBenchedHostSaysUntilWhenAndOneWhoseBenchIsOverIsOnAgain() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        server.hosts.clear();
        server.hosts.add(new HostView(PC_A, "failing-pc", ALICE, "linux", "amd64", 4, 1L << 33, now, true, true, null, null,
                Instant.parse("2999-01-01T00:10:00.5Z"), "alice", null, null, null));
        server.hosts.add(new HostView(PC_B, "healed-pc", ALICE, "linux", "amd64", 4, 1L << 33, now, true, true, null, null,
                Instant.parse("2020-01-01T00:00:00Z"), "alice", null, null, null));

        assertThat(run("xwworkers")).as(err.toString()).isZero();

        assertThat(out.toString().lines().filter(l -> l.contains("failing-pc")).findFirst().orElseThrow())
                .contains("benched until 2999-01-01T00:10:00Z");
        assertThat(out.toString().lines().filter(l -> l.contains("healed-pc")).findFirst().orElseThrow())
                .doesNotContain("benched").contains(" on ");
    }

    @Test
    void aPilotShowsItsClusterAndBatchJobAndOtherWorkersAreWorkers() {
        assertThat(run("xwworkers")).as(err.toString()).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).contains("KIND");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("big-server").contains("pilot hpc1 77_3"));
        assertThat(lines).filteredOn(l -> l.contains("lab-12")).hasSize(2).allSatisfy(l -> assertThat(l).contains("worker"));
    }

    @Test
    void theOtherFormatsGiveEveryFieldOfHostsAndTasks() {
        assertThat(run("xwworkers", "--xwformat", "csv")).as(err.toString()).isZero();
        assertThat(out.toString().lines().findFirst().orElseThrow()).contains("uid", "name", "ownerUid", "ownerLogin", "lastAlive");
        assertThat(out.toString()).contains(ALICE).contains(",lab-12,");
        out.getBuffer().setLength(0);

        assertThat(run("xwtasks", "--xwformat", "json")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"hostUid\" : \"" + PC_B + "\"").contains("\"hostName\" : \"lab-12\"")
                .contains("\"ownerLogin\" : \"bob\"");
    }

    @Test
    void tasksNameTheHostAndTheWorksOwner() {
        assertThat(run("xwtasks")).as(err.toString()).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).contains("WORK").contains("OWNER").contains("HOST");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("t1").contains("bob").contains("lab-12 (77b0e1aa)"))
                .anySatisfy(l -> assertThat(l).contains("t2").contains("alice").contains("lab-12 (3f2a9c1d)"))
                .anySatisfy(l -> assertThat(l).contains("t3").contains("big-server").doesNotContain("(5e5e"));
    }

    @Test
    void tasksOfTheWorksNamedOnlyAsTheManualsGettasksTakesWorkUids() {
        assertThat(run("xwtasks", "w1", "W3")).as(err.toString()).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("t1 ")).anySatisfy(l -> assertThat(l).startsWith("t3 "))
                .noneSatisfy(l -> assertThat(l).startsWith("t2 "));
    }

    @Test
    void tasksOfAWorkThatIsNotThereSayNoSuchWorkInsteadOfAnEmptyTable() {
        assertThat(run("xwtasks", "0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59")).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(err.toString()).contains("no such object"); // the server's 404, passed on
        assertThat(out.toString()).isEmpty();
        assertThat(run("xwtasks", "not-a-work")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'not-a-work' is not a UID");

        // A work no host has taken yet has no task: an empty table, no error.
        assertThat(run("xwsendwork", "echo")).as(err.toString()).isZero();
        String pending = out.toString().strip();
        out.getBuffer().setLength(0);
        assertThat(run("xwtasks", pending)).as(err.toString()).isZero();
        assertThat(out.toString().lines()).singleElement().asString().startsWith("UID");
    }

    @Test
    void sendappAndSenddataSetTheRightsAskedForOnTheAppAndItsBinaryAndOnTheData() throws IOException {
        Path binary = Files.writeString(dir.resolve("tool"), "#!/bin/sh\n");
        assertThat(run("xwsendapp", "tool", "amd64", "linux", binary.toString(), "--xwrights", "0x750")).as(err.toString()).isZero();
        assertThat(server.apps).singleElement().satisfies(app -> {
            assertThat(app.accessRights()).isEqualTo("0x750");
            assertThat(server.datas.get(app.binaryDataUid()).accessRights()).isEqualTo("0x750");
        });

        out.getBuffer().setLength(0);
        Path input = Files.writeString(dir.resolve("secret.txt"), "mine\n");
        assertThat(run("xwsenddata", "secret.txt", input.toString(), "--xwrights", "0x700")).as(err.toString()).isZero();
        assertThat(server.datas.get(out.toString().strip()).accessRights()).isEqualTo("0x700");
    }

    @Test
    void aRefusedSendappLeavesNoBinaryBehind() throws IOException {
        Path binary = Files.writeString(dir.resolve("tool"), "#!/bin/sh\n");
        server.appRightsAtMost = "0x700";
        java.util.Set<String> before = java.util.Set.copyOf(server.datas.keySet());

        assertThat(run("xwsendapp", "tool", "amd64", "linux", binary.toString(), "--xwrights", "0x750")).isEqualTo(ExitCodes.DENIED);

        assertThat(err.toString()).contains("0x700 at most");
        assertThat(server.apps).isEmpty();
        List<String> uploaded = server.datas.keySet().stream().filter(uid -> !before.contains(uid)).toList();
        assertThat(uploaded).hasSize(1);
        assertThat(server.deletedDatas).containsExactlyElementsOf(uploaded);
    }

    @Test
    void sendworkTakesTheExpectedHostByTheNameXwworkersListsAsWellAsByUid() {
        assertThat(run("xwsendwork", "--xwexpectedhost", "big-server", "echo")).as(err.toString()).isZero();
        assertThat(server.submitted.get(server.submitted.size() - 1).expectedHostUid()).isEqualTo(SERVER);

        out.getBuffer().setLength(0);
        assertThat(run("xwsendwork", "--xwexpectedhost", PC_A, "echo")).as(err.toString()).isZero();
        assertThat(server.submitted.get(server.submitted.size() - 1).expectedHostUid()).isEqualTo(PC_A);
    }

    @Test
    void anExpectedHostNameOfTwoHostsOrOfNoneIsAUsageErrorNamingThem() throws IOException {
        int before = server.works.size();
        int datas = server.datas.size();
        Path input = Files.writeString(dir.resolve("in.txt"), "x");

        assertThat(run("xwsendwork", "--xwexpectedhost", "lab-12", "--xwstdin", input.toString(), "echo")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--xwexpectedhost lab-12: 2 hosts have that name").contains(PC_A).contains(PC_B);

        assertThat(run("xwsendwork", "--xwexpectedhost", "lab-13", "echo")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--xwexpectedhost lab-13: no host of that name");
        assertThat(server.works).hasSize(before);
        assertThat(server.datas).hasSize(datas);
    }

    @Test
    void chmodOfANameThatIsNoAppsSaysWhichUidsItTakesAndWhereToListThem() {
        assertThat(run("xwchmod", "0x700", "named data")).isEqualTo(ExitCodes.NOT_FOUND);

        assertThat(err.toString()).contains("'named data' is not a UID").contains("xwchmod takes the UID of a work, data,"
                + " session or group (xwworks, xwdatas, xwsessions, xwgroups list them)").doesNotContain("list apps");
    }

    @Test
    void sendappTakesTheManualsUriToBinaryADataAlreadyOnTheServerWithoutUploadingAnything() {
        String binary = "0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59";
        int datas = server.datas.size();

        assertThat(run("xwsendapp", "tool", "x86_64", "Linux", "xw://grid.example.org:4325/" + binary)).as(err.toString()).isZero();

        assertThat(server.apps).singleElement().satisfies(app -> {
            assertThat(app.binaryDataUid()).isEqualTo(binary);
            assertThat(app.os()).isEqualTo("linux");
            assertThat(app.cpu()).isEqualTo("amd64");
        });
        assertThat(server.datas).hasSize(datas);
        assertThat(out.toString().strip()).matches("[0-9a-f-]{36}");
    }

    @Test
    void sendappOfNeitherAFileNorADataSaysWhatItTakes() {
        assertThat(run("xwsendapp", "tool", "amd64", "linux", "./not-built-yet")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("no such file: ./not-built-yet; give the binary's file, or the UID or xw:// URI"
                + " of a data already on the server");
        assertThat(server.apps).isEmpty();
    }

    @Test
    void sendappUploadsTheBinaryPrivateWhenNoRightsAreAsked() throws IOException {
        Path binary = Files.writeString(dir.resolve("tool"), "#!/bin/sh\n");
        assertThat(run("xwsendapp", "tool", "amd64", "linux", binary.toString())).as(err.toString()).isZero();
        assertThat(server.apps).singleElement().satisfies(app ->
                assertThat(server.datas.get(app.binaryDataUid()).accessRights()).isEqualTo("0x700"));
    }

    @Test
    void aDirectoryGivenAsADataFileIsSaidToBeOne() {
        int datas = server.datas.size();
        assertThat(run("xwsenddata", "inputs", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot read the file " + dir + ": it is a directory");
        assertThat(server.datas).hasSize(datas);
    }

    @Test
    void aDirectoryGivenAsAnAppBinaryAsksForTheExecutableNotForAJobEnvironment() {
        int datas = server.datas.size();
        assertThat(run("xwsendapp", "tool", "amd64", "linux", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot read the file " + dir + ": it is a directory; give the app's executable")
                .doesNotContain("--xwenv");
        assertThat(server.datas).hasSize(datas);
    }

    @Test
    void senddataWithTooFewOrTooManyArgumentsSaysWhatItTakesAndWhatItGot() throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "x\n");
        int datas = server.datas.size();

        // A newcomer's first try: the file alone.
        assertThat(run("xwsenddata", input.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("got only '" + input + "'").contains("NAME [CPU [OS]] FILE|URI")
                .doesNotContain("positional parameter").doesNotContain(".;");
        // Five words: picocli's own check said "only 1 were specified: [e]".
        assertThat(run("xwsenddata", "a", "b", "c", "d", input.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("5 arguments where NAME [CPU [OS]] FILE|URI takes 2 to 4")
                .doesNotContain("only 1 were specified");
        assertThat(run("xwsenddata")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("missing the data's NAME and its FILE or URI");
        assertThat(server.datas).hasSize(datas);
    }

    @Test
    void aUsageSentenceEndingInAFullStopReadsWithoutStrayPunctuation() {
        assertThat(run("xwsenduser", "carol", "secret123", "c@x", "STANDARD_USER")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--xwpasswordenv VARIABLE; see 'xwsenduser --help'").doesNotContain(".;");
        assertThat(server.users).isEmpty();
    }

    @Test
    void malformedRightsAreAUsageErrorBeforeAnyUpload() throws IOException {
        Path input = Files.writeString(dir.resolve("x.txt"), "x\n");
        int datas = server.datas.size();

        assertThat(run("xwsenddata", "x.txt", input.toString(), "--xwrights", "rwx-please")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("xwsendapp", "tool", "amd64", "linux", input.toString(), "--xwrights", "0x9")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("rwx-please");
        assertThat(server.datas).hasSize(datas);
        assertThat(server.apps).isEmpty();
    }

    @Test
    void aPlatformNoWorkerReportsIsAUsageErrorNamingTheAcceptedOnesBeforeAnyUpload() throws IOException {
        Path binary = Files.writeString(dir.resolve("retro"), "#!/bin/sh\n");
        int datas = server.datas.size();

        assertThat(run("xwsendapp", "retro", "z80", "linux", binary.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown CPU 'z80'").contains("amd64, ix86, aarch64");
        assertThat(run("xwsendapp", "retro", "amd64", "cpm", binary.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown OS 'cpm'").contains("linux, win32, macosx");
        assertThat(server.datas).hasSize(datas);
        assertThat(server.apps).isEmpty();

        // The manual's order is CPU then OS: swapped, the two are said to be, not listed as unknown.
        assertThat(run("xwsendapp", "retro", "linux", "x86_64", binary.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'linux' is an OS, not a CPU: the CPU comes first, then the OS");
        assertThat(server.apps).isEmpty();

        // The manual's spellings, in any case.
        assertThat(run("xwsendapp", "retro", "IX86", "WIN32", binary.toString())).as(err.toString()).isZero();
        assertThat(server.apps).singleElement().satisfies(app -> assertThat(app.os() + "/" + app.cpu()).isEqualTo("win32/ix86"));
    }

    @Test
    void senddataRefusesAPlatformNoWorkerReportsAsSendappDoesBeforeAnyUpload() throws IOException {
        Path input = Files.writeString(dir.resolve("in.dat"), "x\n");
        int datas = server.datas.size();

        assertThat(run("xwsenddata", "in.dat", "z80", input.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown CPU 'z80'").contains("amd64, ix86, aarch64");
        assertThat(run("xwsenddata", "in.dat", "amd64", "cpm", input.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown OS 'cpm'").contains("linux, win32, macosx");
        assertThat(run("xwsenddata", "in.dat", "z80", "linux", "https://example.org/in.dat")).isEqualTo(ExitCodes.USAGE);
        assertThat(server.datas).hasSize(datas);

        assertThat(run("xwsenddata", "in.dat", "X86_64", "Linux", input.toString())).as(err.toString()).isZero();
        assertThat(server.datas).hasSize(datas + 1).values()
                .anySatisfy(d -> assertThat(d.os() + "/" + d.cpu()).isEqualTo("linux/amd64"));
    }

    @Test
    void anEmailWithoutTheShapeLocalAtDomainIsRefusedBeforeAnythingIsSent() throws IOException {
        Path password = Files.writeString(dir.resolve("pw"), "carols-password-1\n");
        for (String bad : List.of("notanemail", "a@", "@example.org", "a b@example.org", "a@@example.org", "a@example..org")) {
            assertThat(run("xwsenduser", "--xwpasswordfile", password.toString(), "carol", bad, "STANDARD_USER"))
                    .as(bad).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("'" + bad + "' is not an email address").contains("local@domain");
        }
        assertThat(server.users).isEmpty();
        assertThat(run("xwsenduser", "--xwpasswordfile", password.toString(), "carol", "carol@localhost", "STANDARD_USER"))
                .as(err.toString()).isZero();
    }

    @Test
    void aNewUsersPasswordComesFromAFileAndTheManualsOrderWorksWithADash() throws IOException {
        Path password = Files.writeString(dir.resolve("pw"), "carols-password-1\nnot this line\n");

        assertThat(run("xwsenduser", "--xwpasswordfile", password.toString(), "carol", "carol@example.org", "STANDARD_USER", "team"))
                .as(err.toString()).isZero();
        assertThat(run("xwsenduser", "dave", "-", "-", "worker_user", "--xwpasswordfile", password.toString()))
                .as(err.toString()).isZero();
        assertThat(run("--xwsenduser", "erin", "--xwpasswordfile", password.toString(), "-", "STANDARD_USER"))
                .as(err.toString()).isZero();

        assertThat(server.users).extracting(u -> u.login() + " " + u.password() + " " + u.email() + " " + u.rights() + " " + u.usergroup())
                .containsExactly("carol carols-password-1 carol@example.org STANDARD_USER team",
                        "dave carols-password-1 null WORKER_USER null", "erin carols-password-1 null STANDARD_USER null");
    }

    @Test
    void theUserLevelsOfTheManualAreTakenInAnyCaseWithOrWithoutUser() throws IOException {
        Path password = Files.writeString(dir.resolve("pw"), "a-password-1\n");
        List<String> words = List.of("standard", "Worker", "ADVANCED", "super", "none", "Super_User", "standard_user");
        for (String word : words) {
            assertThat(run("xwsenduser", "--xwpasswordfile", password.toString(), "u-" + word, "-", word)).as(err.toString()).isZero();
        }

        assertThat(server.users).extracting(u -> u.rights().name()).containsExactly("STANDARD_USER", "WORKER_USER",
                "ADVANCED_USER", "SUPER_USER", "NONE", "SUPER_USER", "STANDARD_USER");
        assertThat(run("xwsenduser", "--xwpasswordfile", password.toString(), "frank", "-", "admin")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("RIGHTS being one of [NONE, WORKER_USER, STANDARD_USER, ADVANCED_USER, SUPER_USER]")
                .contains("'admin'");
        assertThat(server.users).hasSize(words.size());
    }

    @Test
    void aPasswordGivenAsAnArgumentIsRefusedAndNeverSent() {
        assertThat(run("xwsenduser", "eve", "eves-password-1", "eve@example.org", "STANDARD_USER")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("does not take the password as an argument").contains("--xwpasswordfile")
                .doesNotContain("eves-password-1");
        assertThat(server.users).isEmpty();
    }

    @Test
    void aMissingPasswordSourceOrBadRightsSayWhatToDo() {
        assertThat(run("xwsenduser", "--xwpasswordenv", "XW_TEST_SURELY_UNSET_VARIABLE", "frank", "-", UserRights.STANDARD_USER.name()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("XW_TEST_SURELY_UNSET_VARIABLE").contains("not set");
        assertThat(run("xwsenduser", "frank", "-", "BOSS")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("RIGHTS being one of").contains("'BOSS'");
        assertThat(run("xwsenduser", "frank", "STANDARD_USER")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("expected LOGIN EMAIL RIGHTS [USERGROUP]");
        assertThat(server.users).isEmpty();
    }

    @Test
    void tooFewWordsForANewUserPointToTheHelpOnce() {
        assertThat(run("xwsenduser")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo(
                "xtremweb.client: expected LOGIN EMAIL RIGHTS [USERGROUP]; see 'xwsenduser --help'");
        assertThat(server.users).isEmpty();
    }

    @Test
    void misspeltRightsForChmodAreAUsageErrorEvenWhenTheObjectIsNotThere() {
        // the typo, not the object the fake server does not know (404, exit 3), is what to report
        assertThat(run("xwchmod", "bogus", PC_A)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("bad access rights 'bogus'").doesNotContain("visible to you");
        assertThat(run("xwchmod", "0x7777", PC_A)).isEqualTo(ExitCodes.USAGE);
        assertThat(run("xwchmod", "go-rx", PC_A)).isNotEqualTo(ExitCodes.USAGE); // well formed: sent
    }

    @Test
    void chmodWithTheUidBeforeTheRightsSaysTheOrderAndSendsNothing() {
        // chmod's order (rights, then what) is easy to swap; "bad access rights '<uid>'" did not say so
        assertThat(run("xwchmod", PC_A, "0x750")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'" + PC_A + "' is a UID, not access rights: the rights come first, then the UIDs,"
                + " as in xwchmod 0x750 " + PC_A).doesNotContain("bad access rights");
        assertThat(run("xwchmod", PC_A, PC_B)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("as in xwchmod 0x750 " + PC_A);
    }

    @Test
    void chmodOfAUserOrUserGroupSaysWhatTheUidIsAndThatItHasNoAccessRights() {
        String carol = "ca201000-0000-4000-8000-000000000005";
        String physics = "9b751c50-0000-4000-8000-000000000006";
        server.listedUsers.add(new UserView(carol, "carol", null, UserRights.STANDARD_USER, null));
        server.listedUsergroups.add(new UsergroupView(physics, "physics", "u1", Instant.now()));

        assertThat(run("xwchmod", "0x700", carol)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(carol + " is user 'carol'").contains("no access rights")
                .doesNotContain("visible to you");
        assertThat(run("xwchmod", "0x700", physics)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(physics + " is user group 'physics'");
        // a UID nothing has is still "not found"
        assertThat(run("xwchmod", "0x700", PC_B)).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void rmOfAnAppSaysHowManyOfItsWorksEndedWithIt() {
        String sim = "5141a000-0000-4000-8000-000000000007";
        String tool = "7001a000-0000-4000-8000-000000000008";
        for (String uid : List.of(sim, tool)) {
            server.listedApps.add(new AppView(uid, uid.equals(sim) ? "sim" : "tool", "u1", "0x700",
                    List.of(new xtremweb.common.wire.AppBinary("linux", "amd64", "d1")), Instant.now()));
        }
        server.appWorksEnded = 2;
        try {
            assertThat(run("xwrm", sim)).as(err.toString()).isZero();
            assertThat(out.toString()).contains(sim + " app deleted; 2 works that no worker had started ended in ERROR with it");
            server.appWorksEnded = 0;
            assertThat(run("xwrm", tool)).as(err.toString()).isZero();
            assertThat(out.toString()).contains(tool + " app deleted; its binary stays as data d1 (xwrm it to free the space,"
                    + " once no work of the app runs)" + System.lineSeparator());
        } finally {
            server.appWorksEnded = 0;
        }
    }

    @Test
    void rmAndChmodTakeAnAppByItsNameAsXwsendworkDoes() {
        String foo2 = "f0020000-0000-4000-8000-000000000009";
        server.listedApps.add(new AppView(foo2, "foo2", "u1", "0x700",
                List.of(new xtremweb.common.wire.AppBinary("linux", "amd64", "d1")), Instant.now()));

        assertThat(run("xwchmod", "0x755", "foo2")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("foo2 app 0x755");
        assertThat(run("xwrm", "foo2")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("foo2 app deleted");
        assertThat(server.listedApps).noneSatisfy(a -> assertThat(a.uid()).isEqualTo(foo2));

        // gone now: said as not found, naming what was looked for
        assertThat(run("xwrm", "foo2")).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(err.toString()).contains("'foo2' is not a UID").contains("nor the name of an app visible to you");
    }

    @Test
    void anAppNameTwoVisibleAppsAnswerToIsRefusedNamingBoth() {
        String a = "a0020000-0000-4000-8000-00000000000a";
        String b = "b0020000-0000-4000-8000-00000000000b";
        server.listedApps.add(new AppView(a, "Sim", "u1", "0x700", List.of(), Instant.now()));
        server.listedApps.add(new AppView(b, "sim", "u1", "0x700", List.of(), Instant.now()));

        assertThat(run("xwrm", "SIM")).isNotZero();
        assertThat(err.toString()).contains("'SIM' names 2 apps").contains(a).contains(b);
        assertThat(server.listedApps).hasSize(2);
        // the exact spelling is no ambiguity
        assertThat(run("xwrm", "sim")).as(err.toString()).isZero();
        assertThat(server.listedApps).singleElement().satisfies(app -> assertThat(app.uid()).isEqualTo(a));
    }
}
