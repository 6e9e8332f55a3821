package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How every bin/ script picks its JDK (xw_select_java in bin/xtremwebconf.sh): from the JDK's
 * release file when it has one, without starting a JVM (each start cost about 0.1 s of CPU, and a
 * client command is a script); by asking its java only when that file is missing.
 */
class ScriptsFindJavaTest {
    @TempDir
    Path temp;

    /** A fake JDK home whose java records that it ran and says it is {@code javaSays}. */
    private Path fakeJdk(String name, String release, String javaSays) throws Exception {
        Path home = Files.createDirectories(temp.resolve(name));
        Path bin = Files.createDirectories(home.resolve("bin"));
        if (release != null) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\n" + release + "\nJAVA_VERSION_DATE=\"2026-04-21\"\n");
        }
        Files.writeString(bin.resolve("java"), "#!/bin/sh\ntouch \"" + home.resolve("java-ran") + "\"\n"
                + "echo '    java.specification.version = " + javaSays + "' >&2\n");
        Files.writeString(bin.resolve("javac"), "#!/bin/sh\n");
        for (String tool : List.of("java", "javac")) {
            Files.setPosixFilePermissions(bin.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    private Command.Result select(Path javaHome) throws Exception {
        String script = "JAVA_HOME='" + javaHome + "'; . '" + Deployment.script("xtremwebconf.sh") + "'; xw_select_java"
                + " && echo \"$JAVA_HOME|$JAVA\"";
        return Command.run(List.of("bash", "-c", script), temp, null, Duration.ofMinutes(1));
    }

    @Test
    void aJdkWithAReleaseFileIsChosenWithoutStartingItsJava() throws Exception {
        Path jdk = fakeJdk("jdk25", "JAVA_VERSION=\"25.0.3\"", "25");
        Command.Result chosen = select(jdk);
        assertThat(chosen.exitCode()).as(chosen.describe()).isZero();
        assertThat(chosen.stdout().trim()).isEqualTo(jdk + "|" + jdk.resolve("bin/java"));
        assertThat(jdk.resolve("java-ran")).as("java started to read its version").doesNotExist();
    }

    @Test
    void aJdkOlderThan21ByItsReleaseFileIsPassedOver() throws Exception {
        Path jdk = fakeJdk("jdk17", "JAVA_VERSION=\"17.0.15\"", "25");
        Command.Result chosen = select(jdk);
        assertThat(chosen.stdout()).doesNotContain(jdk.toString());
        assertThat(jdk.resolve("java-ran")).doesNotExist();
        Path old = fakeJdk("jdk8", "JAVA_VERSION=\"1.8.0_412\"", "25");
        assertThat(select(old).stdout()).doesNotContain(old.toString());
    }

    @Test
    void aJdkWithoutAReleaseFileIsAskedItsVersion() throws Exception {
        Path jdk = fakeJdk("norelease", null, "21");
        Command.Result chosen = select(jdk);
        assertThat(chosen.exitCode()).as(chosen.describe()).isZero();
        assertThat(chosen.stdout().trim()).isEqualTo(jdk + "|" + jdk.resolve("bin/java"));
        assertThat(jdk.resolve("java-ran")).exists();

        Path old = fakeJdk("oldnorelease", null, "17");
        assertThat(select(old).stdout()).doesNotContain(old.toString());
    }
}
