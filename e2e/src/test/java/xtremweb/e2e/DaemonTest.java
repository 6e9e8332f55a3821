package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process of a daemon that never says it is ready is not left running after the test gave up on it. */
class DaemonTest {
    /** An argument no other process has: how the test finds its own daemon among the JVM's children. */
    private static final String MARK = "987.654321";

    @TempDir
    Path tmp;

    @Test
    void aDaemonThatMissesItsReadyLineIsStopped() {
        assertThatThrownBy(() -> Daemon.start("silent", List.of("sleep", MARK), tmp.resolve("run"), "never printed",
                Duration.ofSeconds(1), Map.of()))
                .isInstanceOf(ConditionTimeoutException.class);

        // SIGKILL is delivered at once; the JVM's reaper may take a moment to collect the process.
        Awaitility.await("the silent daemon gone").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(ProcessHandle.current().children().filter(DaemonTest::isTheSilentDaemon))
                        .as("the daemon's process, still running").isEmpty());
    }

    private static boolean isTheSilentDaemon(ProcessHandle process) {
        return process.isAlive() && process.info().arguments().map(args -> Arrays.asList(args).contains(MARK)).orElse(false);
    }
}
