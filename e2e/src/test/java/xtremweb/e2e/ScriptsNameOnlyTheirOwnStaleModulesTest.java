package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The note "the sources of ... changed since the last build" (xw_ensure_built in bin/xtremwebconf.sh)
 * names only the modules the command itself runs: every client command said "server worker bridge"
 * after an edit of the server. Run on a checkout of empty jars older than their sources and a fake
 * JDK, so that no JVM starts.
 */
class ScriptsNameOnlyTheirOwnStaleModulesTest {
    private static final List<String> MODULES = List.of("server", "worker", "client", "gui", "bridge");
    private static final FileTime BUILT = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path home;

    private Path jdk;

    @BeforeEach
    void aCheckoutBuiltBeforeItsLastEdits() throws Exception {
        for (String module : List.of("server", "worker", "client", "gui", "bridge", "common")) {
            Path source = Files.createDirectories(home.resolve(module + "/src/main/java")).resolve("Some.java");
            Files.setLastModifiedTime(Files.writeString(source, "class Some {}\n"), BUILT);
            // the directories too: find lists a directory newer than the jar as a change
            Files.setLastModifiedTime(source.getParent(), BUILT);
            Files.setLastModifiedTime(source.getParent().getParent(), BUILT);
            Files.setLastModifiedTime(Files.writeString(home.resolve(module + "/pom.xml"), "<project/>\n"), BUILT);
            if (MODULES.contains(module)) {
                Path jar = Files.createDirectories(home.resolve(module + "/target/lib")).resolve("xtremweb-" + module + "-1.0.jar");
                Files.setLastModifiedTime(Files.createFile(jar), FileTime.from(BUILT.toInstant().plusSeconds(60)));
            }
        }
        Path apptest = Files.createDirectories(home.resolve("apptest/target")).resolve("apptest");
        executable(Files.writeString(apptest, "#!/bin/sh\n"));
        jdk = Files.createDirectories(home.resolve("jdk/bin"));
        Files.writeString(home.resolve("jdk/release"), "JAVA_VERSION=\"25.0.3\"\n");
        executable(Files.writeString(jdk.resolve("java"), "#!/bin/sh\nexit 0\n"));
        executable(Files.writeString(jdk.resolve("javac"), "#!/bin/sh\n"));
    }

    private static void executable(Path file) throws Exception {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** What {@code bin/SCRIPT ARGS} says on stderr about stale sources, run on the fake checkout. */
    private String staleNote(String script, String... args) throws Exception {
        Command.Result run = run(script, args);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run.stderr().lines().filter(line -> line.contains("changed since the last build")).findFirst().orElse("");
    }

    private Command.Result run(String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Deployment.script(script).toString()));
        command.addAll(List.of(args));
        return Command.run(command, home, null, Duration.ofMinutes(1), Map.of("XW_HOME", home.toString(),
                "JAVA_HOME", home.resolve("jdk").toString(), "XW_RUN_DIR", home.resolve("run").toString()));
    }

    @Test
    void binXwdemoRebuildsForTheModulesItRunsOnly() throws Exception {
        // an edit of the GUI made the demo rebuild everything (a minute), jars of its running grid included
        edit("gui");

        // the fake checkout has no bin/ to start a server with: the demo stops there, after its build or none
        assertThat(run("xwdemo").stderr()).doesNotContain("Building XtremWeb").doesNotContain("changed since the last build");
    }

    private void edit(String module) throws Exception {
        Files.writeString(home.resolve(module + "/src/main/java/Some.java"), "class Some { int edited; }\n");
    }

    @Test
    void anEditOfTheServerIsNoNewsToAClientCommandButIsToTheServer() throws Exception {
        edit("server");

        assertThat(staleNote("xwworks", "--help")).isEmpty();
        assertThat(staleNote("xtremweb.client", "xwversion")).isEmpty();
        assertThat(staleNote("xtremweb.server", "console")).contains("the sources of server changed")
                .doesNotContain("worker").doesNotContain("client");
    }

    @Test
    void anEditOfTheClientIsNewsToTheClientAndToTheGuiBuiltFromIt() throws Exception {
        edit("client");

        assertThat(staleNote("xwworks")).contains("the sources of client changed").doesNotContain("server");
        assertThat(staleNote("xwgui")).contains("the sources of gui changed").doesNotContain("client");
        assertThat(staleNote("xtremweb.worker", "console")).isEmpty();
    }

    @Test
    void anEditOfCommonIsNewsToEveryCommand() throws Exception {
        edit("common");

        assertThat(staleNote("xwworks")).contains("the sources of client changed");
        assertThat(staleNote("xtremweb.server", "console")).contains("the sources of server changed");
    }
}
