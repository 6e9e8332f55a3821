package xtremweb.worker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class HostIdentityFileTest {
    @TempDir
    Path home;

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void keepsTheHostUidAcrossRestartsInAFileOnlyItsOwnerCanRead() throws Exception {
        new HostIdentityFile(home.resolve("var/worker")).save(new HostIdentity("host-1", "token-1"));

        HostIdentityFile reopened = new HostIdentityFile(home.resolve("var/worker"));
        assertThat(reopened.load()).contains(new HostIdentity("host-1", "token-1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reopened.path()))).isEqualTo("rw-------");
    }

    @Test
    void backoffDoublesUpToItsCapEachDelayShortenedByAQuarterAtMost() {
        Backoff backoff = new Backoff();
        assertThat(backoff.next()).isBetween(Duration.ofMillis(750), Duration.ofSeconds(1));
        assertThat(backoff.next()).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        assertThat(backoff.next()).isBetween(Duration.ofMillis(22_500), Duration.ofSeconds(30));
        assertThat(backoff.current()).as("current() repeats the delay just given").isLessThanOrEqualTo(Duration.ofSeconds(30));
        backoff.reset();
        assertThat(backoff.next()).isBetween(Duration.ofMillis(750), Duration.ofSeconds(1));
    }

    @Test
    void theWorkersOfADeadServerDoNotAllComeBackInTheSameInstant() {
        java.util.Set<Duration> delays = new java.util.HashSet<>();
        for (int worker = 0; worker < 20; worker++) {
            delays.add(new Backoff().next());
        }
        assertThat(delays).as("jitter").hasSizeGreaterThan(1);
    }
}
