package xtremweb.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.config.ConfigException;

class HomeLockTest {
    @TempDir
    Path home;

    /** Another worker process: holds the lock of the home given as argument until its stdin closes. */
    public static final class OtherWorker {
        public static void main(String[] args) throws Exception {
            try (HomeLock lock = HomeLock.acquire(Path.of(args[0]), "other.conf")) {
                System.out.println("locked");
                System.out.flush();
                System.in.read();
            }
        }
    }

    @Test
    void aSecondWorkerOnTheSameHomeIsRefusedNamingTheHomeAndTheOtherWorkersPid() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                OtherWorker.class.getName(), home.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> HomeLock.acquire(home, "test.conf")).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("path.home " + home + " (in test.conf) is in use by another worker (pid " + other.pid() + ")")
                    .hasMessageContaining("needs its own path.home");

            other.getOutputStream().close(); // the other worker stops: its lock goes with it
            other.waitFor();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                try (HomeLock lock = HomeLock.acquire(home, "test.conf")) {
                    assertThat(lock).isNotNull();
                }
            });
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void theSameHomeTwiceInOneProcessIsRefusedToo() throws Exception {
        try (HomeLock first = HomeLock.acquire(home, "test.conf")) {
            assertThatThrownBy(() -> HomeLock.acquire(home, "test.conf")).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("is in use by another worker");
        }
        try (HomeLock again = HomeLock.acquire(home, "test.conf")) {
            assertThat(again).isNotNull();
        }
    }
}
