package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/xtremweb.server} and {@code bin/xtremweb.worker} as daemons ({@code start}/{@code stop}):
 * each start keeps the previous run's console output, reports "started" only once this run is
 * ready, and the configuration's unknown keys are reported in that output (or stop the start).
 */
class ServiceScriptsEndToEndTest {
    @TempDir
    Path dir;

    private final List<String> toStop = new ArrayList<>();

    private record Run(int exitCode, String output) {
    }

    /** Runs a service script with this test's run directory (pid and console files). */
    private Run service(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Deployment.script(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().put("XW_HOME", Deployment.SOURCE_ROOT.toString());
        builder.environment().put("XW_RUN_DIR", dir.resolve("run").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
        return new Run(process.exitValue(), output);
    }

    @AfterEach
    void stopWhatStarted() throws Exception {
        for (String stop : toStop.reversed()) {
            String[] words = stop.split(" ");
            service(words[0], "stop", "--xwconfig", words[1]);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Path console(String name) {
        return dir.resolve("run").resolve(name + ".out");
    }

    @Test
    void eachStartKeepsThePreviousConsoleAndSaysStartedOnlyOnceTheServerAnswers() throws Exception {
        int port = freePort();
        Path conf = Files.writeString(dir.resolve("server.conf"), "port.https=" + port + "\npath.home=" + dir.resolve("server")
                + "\nXWkeyStore=" + dir.resolve("server/keystore/xwserver.p12") + "\nalive.period=2\nalive.periodd=3\n");
        // What a crashed run left, ready line included: the next start must neither lose it nor
        // take its ready line for its own (it used to, answering "started" before the server listened).
        Files.createDirectories(console("xtremweb.server").getParent());
        Files.writeString(console("xtremweb.server"), "XtremWeb server ready on https://localhost:" + port
                + "\nException in thread \"main\" java.lang.OutOfMemoryError: the reason of the crash\n");

        Run first = service("xtremweb.server", "start", "--xwconfig", conf.toString());
        toStop.add("xtremweb.server " + conf);

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("xtremweb.server started").contains("the previous run's in " + console("xtremweb.server") + ".1");
        Properties credentials = new Properties();
        try (var reader = Files.newBufferedReader(dir.resolve("server/credentials.properties"))) {
            credentials.load(reader);
        }
        Path admin = Files.writeString(dir.resolve("admin.xwrc"), "dispatcher.servers: localhost\nport.https: " + port
                + "\npath.certfile: " + credentials.getProperty("server.certificate") + "\nlogin: "
                + credentials.getProperty("admin.login") + "\npassword: " + credentials.getProperty("admin.password") + "\n");
        // "started" promises an answer: no waiting here
        Command.Result ping = Command.run(List.of(Deployment.script("xwping").toString(), "--xwconfig", admin.toString()), dir,
                null, java.time.Duration.ofMinutes(2));
        assertThat(ping.exitCode()).as(ping.describe()).isZero();
        assertThat(Deployment.read(Path.of(console("xtremweb.server") + ".1"))).contains("the reason of the crash");
        String output = Deployment.read(console("xtremweb.server"));
        assertThat(output).doesNotContain("the reason of the crash").contains("XtremWeb server ready")
                .contains("key 'alive.periodd' in " + conf + " is not a key of the server")
                .contains("the closest known key is 'alive.period'");

        assertThat(service("xtremweb.server", "stop", "--xwconfig", conf.toString()).exitCode()).isZero();
        output = Deployment.read(console("xtremweb.server"));
        Run second = service("xtremweb.server", "start", "--xwconfig", conf.toString());
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(Deployment.read(Path.of(console("xtremweb.server") + ".1"))).isEqualTo(output);
        assertThat(Deployment.read(Path.of(console("xtremweb.server") + ".2"))).contains("the reason of the crash");

        // the worker's script is the same function: its console is kept too, and it reports its host
        Path workerHome = Files.createDirectories(dir.resolve("worker"));
        Path workerConf = Files.writeString(dir.resolve("worker.conf"), "dispatcher.servers: localhost\nport.https: " + port
                + "\npath.certfile: " + credentials.getProperty("server.certificate") + "\nlogin: "
                + credentials.getProperty("worker.login") + "\npassword: " + credentials.getProperty("worker.password")
                + "\npath.home: " + workerHome + "\nhost.name: scripts-test-worker\nworkpool.size: 1\n");
        Files.writeString(console("xtremweb.worker"), "the worker's previous run\n");
        Run worker = service("xtremweb.worker", "start", "--xwconfig", workerConf.toString());
        toStop.add("xtremweb.worker " + workerConf);
        assertThat(worker.exitCode()).as(worker.output()).isZero();
        assertThat(Deployment.read(Path.of(console("xtremweb.worker") + ".1"))).isEqualTo("the worker's previous run\n");
        assertThat(Deployment.read(console("xtremweb.worker"))).contains("named 'scripts-test-worker'");
    }

    @Test
    void aStalePidFileWhosePidWentToAnotherProcessNeitherStopsThatProcessNorCountsAsRunning() throws Exception {
        // After a reboot or a SIGKILL the pid file stays, and its pid may be given to anything:
        // stop used to kill that process, and start refused to start ("already running").
        Process other = new ProcessBuilder("sleep", "300").start();
        try {
            Path pidFile = dir.resolve("run/xtremweb.worker.pid");
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, other.pid() + "\n");

            Run status = service("xtremweb.worker", "status");
            assertThat(status.exitCode()).as(status.output()).isEqualTo(3);
            assertThat(status.output()).contains("xtremweb.worker is not running");

            Run stop = service("xtremweb.worker", "stop");
            assertThat(stop.exitCode()).as(stop.output()).isZero();
            assertThat(stop.output()).contains("xtremweb.worker is not running");
            assertThat(other.isAlive()).isTrue();
            assertThat(pidFile).doesNotExist();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void theWorkersJvmNamesFilesInUtf8EvenWhenStartedInTheCLocaleOfAService() throws Exception {
        // In the C locale the JVM could not name a job's file "résultat.txt": the task was abandoned.
        ProcessBuilder builder = new ProcessBuilder(Deployment.script("xtremweb.worker").toString(), "console", "--help")
                .redirectErrorStream(true).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LC_"));
        builder.environment().put("LANG", "C");
        builder.environment().put("XW_HOME", Deployment.SOURCE_ROOT.toString());
        builder.environment().put("XW_WORKER_JAVA_OPTS", "-XshowSettings:properties");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("sun.jnu.encoding = UTF-8");
    }

    @Test
    void aMisspeltSecurityKeyStopsTheStartNamingTheKey() throws Exception {
        Path conf = Files.writeString(dir.resolve("server.conf"), "port.https=" + freePort() + "\npath.home="
                + dir.resolve("server") + "\nXWkeyStore=" + dir.resolve("server/keystore/xwserver.p12")
                + "\nlisten.adress=127.0.0.1\n");

        Run start = service("xtremweb.server", "start", "--xwconfig", conf.toString());

        assertThat(start.exitCode()).isEqualTo(1);
        assertThat(start.output()).contains("xtremweb.server failed to start")
                .contains("key 'listen.adress' in " + conf).contains("did you mean 'listen.address'");
        assertThat(dir.resolve("server/credentials.properties")).doesNotExist();
    }

    @Test
    void aPortAlreadyTakenStopsTheServersStartInOneLineWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Path conf = Files.writeString(dir.resolve("server.conf"), "port.https=" + taken.getLocalPort()
                    + "\nlisten.address=127.0.0.1\npath.home=" + dir.resolve("server") + "\nXWkeyStore="
                    + dir.resolve("server/keystore/xwserver.p12") + "\n");

            Run start = service("xtremweb.server", "start", "--xwconfig", conf.toString());

            assertThat(start.exitCode()).isEqualTo(1);
            assertThat(start.output()).contains("xtremweb.server failed to start")
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is already in use")
                    .doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void theWorkersConsoleHoldsNoJvmWarningAboutNativeAccess() throws Exception {
        // OSHI reads the machine through JNA; on JDK 24+ that printed "WARNING: A restricted method
        // in java.lang.System has been called" and three more lines into every worker's console.
        Path conf = Files.writeString(dir.resolve("worker.conf"), "dispatcher.servers: 127.0.0.1\nport.https: " + freePort()
                + "\npath.certfile: " + Deployment.selfSignedCertificate(dir) + "\nlogin: nobody\npassword: x\n"
                + "path.home: " + dir.resolve("worker") + "\n");
        ProcessBuilder builder = new ProcessBuilder(Deployment.script("xtremweb.worker").toString(), "console",
                "--xwconfig", conf.toString()).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().put("XW_HOME", Deployment.SOURCE_ROOT.toString());
        builder.environment().remove("XW_WORKER_JAVA_OPTS");
        Process worker = builder.start();
        StringBuilder output = new StringBuilder();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            // the inventory is read before the first connection: once that is tried, any warning was printed
            for (String line; (line = lines.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.contains("nothing answers") || line.contains("cannot start")) {
                    break;
                }
            }
        } finally {
            worker.destroyForcibly();
            worker.waitFor(1, TimeUnit.MINUTES);
        }

        assertThat(output.toString()).contains("worker starting").contains("nothing answers at 127.0.0.1:")
                .contains("in " + conf)
                .doesNotContain("WARNING: A restricted method").doesNotContain("--enable-native-access");
    }

    @Test
    void mavenAsTheScriptsRunItPrintsNoJvmWarningAboutSunMiscUnsafeNorColourCodes() throws Exception {
        // On JDK 24+ the Guava inside Maven printed "WARNING: A terminally deprecated method in
        // sun.misc.Unsafe has been called" and three more lines at every build: the first thing
        // bin/xwdemo showed a newcomer. Maven 3.8 also ended its quiet batch runs with ESC[0m resets,
        // into a file too ("[0m[0m" in bin/xwdemo's output). The scripts' own setting is what is tested,
        // not the caller's.
        ProcessBuilder builder = new ProcessBuilder(Deployment.script("xwmvn").toString(), "-q", "validate", "-pl", "common")
                .redirectErrorStream(true).directory(dir.toFile());
        builder.environment().put("XW_HOME", Deployment.SOURCE_ROOT.toString());
        builder.environment().remove("MAVEN_OPTS");
        Process maven = builder.start();
        String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(maven.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(maven.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("sun.misc.Unsafe").doesNotContain("WARNING:").doesNotContain("\u001b");
    }
}
