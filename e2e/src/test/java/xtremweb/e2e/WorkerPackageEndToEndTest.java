package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volunteer's first step: the worker's {@code .deb}, built with jpackage from this checkout,
 * installed with {@code dpkg -i}, run as its service runs, computing a job of a real server, then
 * purged without a trace. Needs root (CI runs as root); the tools it needs are named when missing.
 *
 * <p>This machine has no systemd as PID 1, so the unit is not started by systemctl: it is checked
 * with {@code systemd-analyze verify}, then its {@code ExecStart} is run the way systemd would run
 * it for the properties that decide who the worker is: {@code User}/{@code Group} (setpriv with the
 * user's groups), {@code WorkingDirectory}, {@code Nice}, {@code NoNewPrivileges} and a service's
 * clean environment. The unit's file-system protections (ProtectSystem, PrivateTmp...) are not
 * reproduced.
 */
class WorkerPackageEndToEndTest {
    private static final String PACKAGE = "xtremweb-worker";
    private static final Path UNIT = Path.of("/lib/systemd/system/xtremweb-worker.service");
    private static final Pattern REGISTERED = Pattern.compile("worker registered as host ([0-9a-f-]{36})");
    private static final List<Path> EVERYTHING_INSTALLED = List.of(Path.of("/opt/xtremweb-worker"), Path.of("/etc/xtremweb"),
            Path.of("/var/lib/xtremweb-worker"), UNIT, Path.of("/etc/systemd/system/multi-user.target.wants/xtremweb-worker.service"));

    @TempDir
    Path dir;

    private Command.Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        return Command.run(List.of(command), dir, null, timeout);
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    private boolean isRoot() throws IOException, InterruptedException {
        return run(Duration.ofSeconds(30), "id", "-u").stdout().strip().equals("0");
    }

    private boolean installed() throws IOException, InterruptedException {
        return run(Duration.ofSeconds(30), "dpkg-query", "-W", "-f=${Status}", PACKAGE).stdout().contains("install ok installed");
    }

    @Test
    void theDebRunsTheWorkerAsItsOwnUserComputesAJobAndPurgesWithoutATrace() throws Exception {
        assumeTrue(isRoot(), "installing a .deb needs root; CI runs this as root");
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("dpkg", "dpkg-deb", "fakeroot", "systemd-analyze", "setpriv", "getent", "nice")) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        assertThat(missing).as("tools to install (apt-get install dpkg-dev fakeroot systemd util-linux; .ci/run does)").isEmpty();
        if (installed()) {
            // a run that died half-way left it installed: this test is the only one that installs it
            assertThat(run(Duration.ofMinutes(5), "dpkg", "--purge", PACKAGE).exitCode()).isZero();
        }
        assertThat(run(Duration.ofSeconds(30), "getent", "passwd", "xtremweb").exitCode())
                .as("no 'xtremweb' user before the package installs it").isNotZero();

        try (Deployment grid = Deployment.create(dir, "h2")) {
            grid.startServer();
            Path admin = grid.adminConfig();
            Command.Result app = grid.client(admin, "xwsendapp", List.of("apptest", System.getProperty("os.arch"), "linux",
                    ClientGrid.apptest()));
            assertThat(app.exitCode()).as(app.describe()).isZero();

            Path deb = build(grid);
            try {
                install(deb);
                Process worker = startAsTheUnitDoes();
                try {
                    computeAJob(grid, admin, worker);
                } finally {
                    worker.destroy();
                    assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("the worker stops on SIGTERM").isTrue();
                }
                String uid = run(Duration.ofSeconds(30), "id", "-u", "xtremweb").stdout().strip();
                purgeLeavesNothing(uid);
            } finally {
                if (installed()) {
                    run(Duration.ofMinutes(5), "dpkg", "--purge", PACKAGE);
                }
            }
        }
    }

    private Path build(Deployment grid) throws Exception {
        Path password = Files.writeString(dir.resolve("worker.password"), grid.credential("worker.password") + "\n");
        Path out = Deployment.SOURCE_ROOT.resolve("target/deb");
        // gzip instead of dpkg-deb's default xz: the same package, built in a fraction of the time
        Command.Result build = Command.run(List.of("env", "DPKG_DEB_COMPRESSOR_TYPE=gzip",
                Deployment.SOURCE_ROOT.resolve("installers/deb/build-worker-deb.sh").toString(),
                "--server", "localhost", "--port", String.valueOf(grid.port()), "--cert", grid.credential("server.certificate"),
                "--login", grid.credential("worker.login"), "--password-file", password.toString(), "--version", "0.0.1"),
                Deployment.SOURCE_ROOT, null, Duration.ofMinutes(20));
        assertThat(build.exitCode()).as(build.describe()).isZero();
        try (var debs = Files.list(out)) {
            return debs.filter(p -> p.getFileName().toString().matches("xtremweb-worker_0\\.0\\.1.*\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb in " + out + " after " + build.describe()));
        }
    }

    private void install(Path deb) throws Exception {
        Command.Result install = run(Duration.ofMinutes(5), "dpkg", "-i", deb.toString());
        assertThat(install.exitCode()).as(install.describe()).isZero();

        assertThat(Path.of("/opt/xtremweb-worker/bin/xtremweb-worker")).isExecutable();
        assertThat(Path.of("/etc/xtremweb/xtremweb.worker.conf")).isRegularFile();
        assertThat(Path.of("/etc/xtremweb/xwserver.pem")).isRegularFile();
        assertThat(UNIT).isRegularFile();
        String user = run(Duration.ofSeconds(30), "getent", "passwd", "xtremweb").stdout().strip();
        String[] fields = user.split(":");
        assertThat(fields).as("the package's user: %s", user).hasSize(7);
        assertThat(Integer.parseInt(fields[2])).as("a system user, not root").isBetween(1, 999);
        assertThat(fields[6]).isEqualTo("/usr/sbin/nologin");
        Command.Result password = run(Duration.ofSeconds(30), "stat", "-c", "%a %U %G", "/etc/xtremweb/worker.password");
        assertThat(password.stdout().strip()).isEqualTo("640 root xtremweb");

        Command.Result verify = run(Duration.ofMinutes(1), "systemd-analyze", "verify", UNIT.toString());
        assertThat(verify.exitCode()).as(verify.describe()).isZero();
        assertThat(verify.stdout() + verify.stderr()).as(verify.describe()).isBlank();
    }

    /** The unit's [Service] keys (the last value of each). */
    private static Map<String, String> service() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        boolean inService = false;
        for (String line : Files.readAllLines(UNIT)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                inService = trimmed.equals("[Service]");
            } else if (inService && trimmed.contains("=") && !trimmed.startsWith("#")) {
                keys.put(trimmed.substring(0, trimmed.indexOf('=')), trimmed.substring(trimmed.indexOf('=') + 1));
            }
        }
        return keys;
    }

    private Process startAsTheUnitDoes() throws Exception {
        Map<String, String> unit = service();
        assertThat(unit).containsKeys("User", "Group", "ExecStart", "WorkingDirectory");
        String home = run(Duration.ofSeconds(30), "getent", "passwd", unit.get("User")).stdout().strip().split(":")[5];
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + unit.get("User"), "--regid=" + unit.get("Group"),
                "--init-groups"));
        if ("yes".equals(unit.get("NoNewPrivileges"))) {
            command.add("--no-new-privs");
        }
        command.addAll(List.of("nice", "-n", unit.getOrDefault("Nice", "0")));
        command.addAll(List.of(unit.get("ExecStart").split("\\s+")));
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(unit.get("WorkingDirectory")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // what systemd gives a service: no variable of this test's environment
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME", home, "USER", unit.get("User"), "LOGNAME", unit.get("User"), "SHELL", "/usr/sbin/nologin", "LANG", "C.UTF-8"));
        return builder.start();
    }

    private void computeAJob(Deployment grid, Path admin, Process worker) throws Exception {
        Path output = dir.resolve("worker.out");
        Awaitility.await("the packaged worker registers").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(worker.isAlive()).as("the worker runs:\n%s", Deployment.read(output)).isTrue();
                    return REGISTERED.matcher(Deployment.read(output)).find();
                });
        Matcher registered = REGISTERED.matcher(Deployment.read(output));
        assertThat(registered.find()).isTrue();
        String hostUid = registered.group(1);
        String xtremwebUid = run(Duration.ofSeconds(30), "id", "-u", "xtremweb").stdout().strip();
        assertThat(Files.readAllLines(Path.of("/proc", String.valueOf(worker.pid()), "status")))
                .filteredOn(l -> l.startsWith("Uid:")).singleElement().asString()
                .as("the worker process runs as the package's user").matches("Uid:\\s+" + xtremwebUid + "\\s+" + xtremwebUid + "\\s.*");

        Command.Result sent = grid.client(admin, "xwsendwork", List.of("--xwexpectedhost", hostUid, "apptest", "from the deb"));
        assertThat(sent.exitCode()).as(sent.describe()).isZero();
        String work = sent.stdout().strip();
        Path results = dir.resolve("results");
        Command.Result result = grid.client(admin, "xwresult", List.of("--xwwait", "300", "--xwclientloopdelay", "500",
                "--xwnoerase", "--xwout", results.toString(), work));
        assertThat(result.exitCode()).as(result.describe() + "\nworker:\n" + Deployment.read(output)).isZero();
        assertThat(result.stdout()).contains(work + " COMPLETED exit=0");
        assertThat(results.resolve(work).resolve("stdout.txt")).hasContent("apptest args: [from the deb]");
        Command.Result tasks = grid.client(admin, "xwtasks", List.of("--xwformat", "csv"));
        assertThat(ListingParser.CSV.parse("task", tasks.stdout())).filteredOn(t -> work.equals(t.get("workUid")))
                .singleElement().satisfies(t -> assertThat(t).containsEntry("hostUid", hostUid));
    }

    private void purgeLeavesNothing(String uid) throws Exception {
        Command.Result purge = run(Duration.ofMinutes(5), "dpkg", "--purge", PACKAGE);
        assertThat(purge.exitCode()).as(purge.describe()).isZero();

        assertThat(installed()).isFalse();
        for (Path path : EVERYTHING_INSTALLED) {
            assertThat(path).as("left behind by dpkg --purge").doesNotExist();
        }
        assertThat(run(Duration.ofSeconds(30), "getent", "passwd", "xtremweb").exitCode()).as("the user is gone").isNotZero();
        assertThat(run(Duration.ofSeconds(30), "getent", "group", "xtremweb").exitCode()).as("the group is gone").isNotZero();
        Command.Result owned = run(Duration.ofMinutes(5), "find", "/tmp", "/var/tmp", "/var/lib", "/var/log", "/etc", "/run",
                "/opt", "-xdev", "-uid", uid, "-print");
        assertThat(owned.stdout()).as("files of the removed user's uid %s", uid).isBlank();
    }
}
