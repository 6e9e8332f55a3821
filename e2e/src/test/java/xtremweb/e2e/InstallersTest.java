package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The service definitions of installers/ are checked by the tools that will read them, as far as
 * this machine has them: systemd-analyze for the units, sh -n for the scripts, an XML parser for
 * the launchd plist. The units point at /opt, so they are checked with ExecStart moved to this
 * checkout's bin/xtremweb.worker (systemd-analyze refuses a missing executable).
 */
class InstallersTest {
    private static final Path INSTALLERS = Deployment.SOURCE_ROOT.resolve("installers");

    @TempDir
    Path temp;

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void systemdAcceptsTheWorkerUnits() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed");
        String worker = Deployment.SOURCE_ROOT.resolve("bin/xtremweb.worker").toString();
        for (Path unit : List.of(INSTALLERS.resolve("linux/xtremweb-worker.service"),
                INSTALLERS.resolve("deb/xtremweb-worker.service"), INSTALLERS.resolve("linux/xtremweb-server.service"),
                INSTALLERS.resolve("linux/xtremweb-bridge.service"))) {
            Path dir = Files.createDirectories(temp.resolve(unit.getParent().getFileName()));
            Path copy = dir.resolve(unit.getFileName());
            Files.writeString(copy, Files.readString(unit)
                    .replace("/opt/xtremweb-worker/bin/xtremweb-worker", worker)
                    .replace("/opt/xtremweb/bin/xtremweb.worker", worker)
                    .replace("/opt/xtremweb/bin/xtremweb.server", Deployment.SOURCE_ROOT.resolve("bin/xtremweb.server").toString())
                    .replace("/opt/xtremweb/bin/xtremweb.bridge", Deployment.SOURCE_ROOT.resolve("bin/xtremweb.bridge").toString()));

            Command.Result verify = Command.run(List.of("systemd-analyze", "verify", copy.toString()), temp, null,
                    Duration.ofMinutes(1));

            assertThat(verify.exitCode()).as("systemd-analyze verify %s: %s", unit, verify).isZero();
            assertThat(verify.stdout() + verify.stderr()).as("warnings for %s", unit).isBlank();
        }
    }

    @Test
    void theInitAndPackageScriptsAreValidShell() throws Exception {
        List<Path> scripts = new ArrayList<>(List.of(INSTALLERS.resolve("sysv/xtremweb-worker"),
                INSTALLERS.resolve("deb/build-worker-deb.sh"), INSTALLERS.resolve("deb/worker-conf.sh"), INSTALLERS.resolve("macos/xtremweb-worker-launchd")));
        try (var files = Files.list(INSTALLERS.resolve("deb/resources"))) {
            files.forEach(scripts::add);
        }
        for (Path script : scripts) {
            assertThat(script).isExecutable();
            String shell = Files.readString(script).startsWith("#!/usr/bin/env bash") ? "bash" : "sh";
            Command.Result check = Command.run(List.of(shell, "-n", script.toString()), temp, null, Duration.ofMinutes(1));
            assertThat(check.exitCode()).as("%s -n %s: %s", shell, script, check).isZero();
        }
    }

    @Test
    void thePackagesConfigurationDocumentsTheActivationPolicyForAVolunteerWithoutTheSources() throws Exception {
        // The .deb's /etc/xtremweb/xtremweb.worker.conf pointed to "conf/xtremweb.worker.conf of the
        // sources", which a volunteer who installed the package does not have.
        Command.Result conf = Command.run(List.of("bash", INSTALLERS.resolve("deb/worker-conf.sh").toString(),
                "grid.example.org", "4325", "worker"), temp, null, Duration.ofMinutes(1));

        assertThat(conf.exitCode()).as("%s", conf).isZero();
        String text = conf.stdout();
        assertThat(text).contains("dispatcher.servers: grid.example.org").contains("port.https: 4325").contains("login: worker");
        assertThat(text).contains("DateActivator").contains("#activator.date:").contains("CpuActivator").contains("#cpuload:")
                .contains("IdleActivator").contains("#activator.idle.delay:").contains("#activator.suspend.limit:");
        assertThat(text.lines().filter(line -> line.startsWith("activator.class:")))
                .as("one activator.class, not the file's and the section's").containsExactly("activator.class: AlwaysActive");
    }

    @Test
    void theLaunchdPlistRunsTheWorkerInTheForegroundAsTheXtremwebUser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document plist = factory.newDocumentBuilder().parse(INSTALLERS.resolve("macos/fr.lri.xtremweb.worker.plist").toFile());

        List<String> keys = new ArrayList<>();
        NodeList nodes = plist.getElementsByTagName("key");
        for (int i = 0; i < nodes.getLength(); i++) {
            keys.add(nodes.item(i).getTextContent());
        }
        assertThat(keys).contains("Label", "ProgramArguments", "UserName", "RunAtLoad", "KeepAlive");
        Element arguments = (Element) plist.getElementsByTagName("array").item(0);
        assertThat(arguments.getTextContent().trim().split("\\s+")).containsExactly("/opt/xtremweb/installers/macos/xtremweb-worker-launchd");
    }

    @Test
    void theServiceUnitsDoNotRestartAWorkerThatOnlyAnAdministratorCanFix() throws Exception {
        for (Path unit : List.of(INSTALLERS.resolve("linux/xtremweb-worker.service"), INSTALLERS.resolve("deb/xtremweb-worker.service"))) {
            assertThat(Files.readAllLines(unit)).as("%s", unit).contains("Restart=on-failure", "RestartPreventExitStatus=2 3");
        }
    }

    @Test
    void theLaunchdScriptEndsNormallyWhenTheWorkerCannotRunWithoutAnAdministrator() throws Exception {
        // A configuration that does not exist: the worker exits with 2, which launchd must not restart.
        Command.Result run = Command.run(List.of(INSTALLERS.resolve("macos/xtremweb-worker-launchd").toString(),
                "--xwconfig", temp.resolve("missing.conf").toString()), temp, null, Duration.ofMinutes(2));

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout() + run.stderr()).contains("cannot start the worker");
    }

    @Test
    void theWindowsServiceScriptsInstallAndRemoveTheSameService() throws Exception {
        String install = Files.readString(INSTALLERS.resolve("windows/install-worker.bat"));
        String uninstall = Files.readString(INSTALLERS.resolve("windows/uninstall-worker.bat"));

        assertThat(install).contains("//IS//XtremWebWorker").contains("--StartClass=xtremweb.worker.WorkerMain")
                .contains("--StopMethod=stop");
        assertThat(uninstall).contains("//DS//XtremWebWorker");
        // procrun calls these two static methods: they must exist with the signature it expects
        Class<?> main = Class.forName("xtremweb.worker.WorkerMain");
        assertThat(main.getMethod("main", String[].class)).isNotNull();
        assertThat(main.getMethod("stop", String[].class)).isNotNull();
    }
}
