package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a new user tripped on, through the bin/ scripts against the shared grid: rights given when
 * an app or a data is sent, listings that name hosts and owners (two workers of one machine told
 * apart), a STANDARD_USER's own private worker, and a new user's password that no {@code ps} shows.
 */
class NewUserEndToEndTest extends OnTheClientGrid {
    private static final int USAGE = 2;
    private static final int DENIED = 4;
    private static final Pattern REGISTERED = Pattern.compile("worker registered as host ([0-9a-f-]{36})");

    private static String ok(Path config, String script, String... args) throws Exception {
        return grid.ok(config, script, args);
    }

    /** A new user made by the admin, its password from a file; returns its client configuration. */
    private static Path user(String login, String rights) throws Exception {
        ok(grid.admin, "xwsenduser", "--xwpasswordfile", grid.deployment.passwordFile(login, ClientGrid.PASSWORD).toString(),
                login, "-", rights);
        return grid.deployment.clientConfig(login, login, ClientGrid.PASSWORD);
    }

    private static Map<String, String> byUid(String script, Path config, String kind, String uid) throws Exception {
        return ListingParser.JSON.parse(kind, ok(config, script, "--xwformat", "json")).stream()
                .filter(o -> uid.equals(o.get("uid"))).findFirst().orElseThrow(() -> new AssertionError(uid + " not listed by " + script));
    }

    @Test
    void anAdvancedUserInsertsAGroupAppAStandardUserCannotAndDataIsPrivateFromTheStart() throws Exception {
        Path lead = user("rights-lead", "ADVANCED_USER");
        Path sam = user("rights-sam", "STANDARD_USER");

        String groupApp = ok(lead, "xwsendapp", "--xwrights", "0x750", "group-tool", "amd64", "linux", ClientGrid.apptest());
        assertThat(byUid("xwapps", lead, "app", groupApp)).containsEntry("accessRights", "0x750");
        Command.Result refused = grid.run(sam, "xwsendapp", "sams-tool", "amd64", "linux", ClientGrid.apptest(), "--xwrights", "0x750");
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(DENIED);
        assertThat(refused.stderr()).contains("0x700 at most");
        String privateApp = ok(sam, "xwsendapp", "sams-tool", "amd64", "linux", ClientGrid.apptest());
        assertThat(byUid("xwapps", sam, "app", privateApp)).containsEntry("accessRights", "0x700");

        Path secret = Files.writeString(tmp.resolve("secret.txt"), "for my eyes only\n");
        String data = ok(lead, "xwsenddata", "--xwrights", "0x700", "secret.txt", secret.toString());
        assertThat(byUid("xwdatas", lead, "data", data)).containsEntry("accessRights", "0x700");
        assertThat(ok(sam, "xwdatas")).doesNotContain(data);
        assertThat(ok(grid.bob, "xwdatas")).doesNotContain(data);
        String shared = ok(lead, "xwsenddata", "shared.txt", secret.toString());
        assertThat(ok(sam, "xwdatas")).contains(shared);

        Command.Result replace = grid.run(sam, "xwsendapp", "group-tool", "amd64", "linux", ClientGrid.apptest());
        assertThat(replace.exitCode()).as(replace.describe()).isEqualTo(DENIED);
        assertThat(replace.stderr()).contains("belongs to another user");
    }

    @Test
    void listingsNameHostsAndOwnersAndTellTwoWorkersOfOneMachineApart() throws Exception {
        Path carl = user("names-carl", "STANDARD_USER");
        // carl's private worker on the machine of the grid's worker, under the machine's name too
        Daemon worker = grid.deployment.startWorker("carls-worker", 1, "names-carl", ClientGrid.PASSWORD);
        Matcher registered = REGISTERED.matcher(worker.output());
        assertThat(registered.find()).as(worker.output()).isTrue();
        String carlsHost = registered.group(1);
        String machine = InetAddress.getLocalHost().getHostName();
        try {
            assertThat(ListingParser.JSON.parse("host", ok(carl, "xwworkers", "--xwformat", "json"))).singleElement()
                    .satisfies(h -> assertThat(h).containsEntry("uid", carlsHost).containsEntry("ownerLogin", "names-carl")
                            .containsEntry("name", machine));
            String all = ok(grid.admin, "xwworkers");
            assertThat(all).contains(machine + " (" + carlsHost.substring(0, 8) + ")")
                    .contains(machine + " (" + grid.hostUid.substring(0, 8) + ")")
                    .contains("names-carl").contains(grid.deployment.credential("worker.login"));

            // carl's own job runs on his private worker (or the public one) and xwtasks names both sides
            String work = ok(carl, "xwsendwork", "--xwexpectedhost", carlsHost, "apptest", "named");
            ok(carl, "xwresult", "--xwwait", "120", "--xwclientloopdelay", "300", "--xwnoerase", "--xwout", tmp.resolve("r").toString(), work);
            String tasks = ok(carl, "xwtasks");
            assertThat(tasks.lines().filter(l -> l.contains(work))).singleElement().asString()
                    .contains("names-carl").contains(machine).contains("DONE");
            assertThat(ListingParser.CSV.parse("task", ok(carl, "xwtasks", "--xwformat", "csv")))
                    .filteredOn(t -> work.equals(t.get("workUid"))).singleElement()
                    .satisfies(t -> assertThat(t).containsEntry("hostUid", carlsHost).containsEntry("hostName", machine)
                            .containsEntry("ownerLogin", "names-carl"));
            assertThat(ok(grid.bob, "xwworkers")).doesNotContain(carlsHost);
        } finally {
            worker.stop();
        }
    }

    @Test
    void theNewUsersPasswordNeverShowsInThePsOfARealXwsenduser() throws Exception {
        String password = "never-in-ps-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        Path stdin = Files.writeString(tmp.resolve("typed.txt"), password + "\n");
        List<String> command = List.of(Deployment.script("xwsenduser").toString(), "--xwconfig", grid.admin.toString(),
                "ps-carol", "ps-carol@example.org", "STANDARD_USER");

        Command.Running running = Command.start(command, tmp, stdin);
        List<String> seen = new ArrayList<>();
        boolean sawTheClient = false;
        int samples = 0;
        while (running.process().isAlive()) {
            List<String> lines = samples % 2 == 0 ? commandLinesFromProc() : commandLinesFromPs();
            samples++;
            lines.stream().filter(l -> l.contains(password)).forEach(seen::add);
            sawTheClient |= lines.stream().anyMatch(l -> l.contains("xtremweb.client.ClientMain") && l.contains("ps-carol"));
        }
        Command.Result created = running.finish(Duration.ofMinutes(1));

        assertThat(created.exitCode()).as(created.describe()).isZero();
        assertThat(sawTheClient).as("the sampling saw the client's java process (%d samples)", samples).isTrue();
        assertThat(seen).as("command lines showing the password").isEmpty();
        Path carol = grid.deployment.clientConfig("ps-carol", "ps-carol", password);
        assertThat(ok(carol, "xwping")).contains("login:  ps-carol");

        Command.Result asArgument = grid.run(grid.admin, "xwsenduser", "ps-eve", "eves-password-1", "-", "STANDARD_USER");
        assertThat(asArgument.exitCode()).as(asArgument.describe()).isEqualTo(USAGE);
        assertThat(asArgument.stderr()).contains("does not take the password as an argument").contains("Nothing was sent");
        assertThat(ok(grid.admin, "xwusers")).contains("ps-carol").doesNotContain("ps-eve");
    }

    /** Every process's command line, read where ps reads it. */
    private static List<String> commandLinesFromProc() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    lines.add(new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' '));
                } catch (IOException gone) {
                    // the process ended between the listing and the read
                }
            }
        }
        return lines;
    }

    private static List<String> commandLinesFromPs() throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("ps", "-eww", "-o", "args=").redirectErrorStream(true).start();
        String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ps.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output.lines().toList();
    }
}
