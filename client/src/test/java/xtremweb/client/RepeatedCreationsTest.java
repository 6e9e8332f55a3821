package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create whose answer is lost (the server committed it, then the connection was cut: killed,
 * restarting, a proxy timing out) is sent again by the client with the same Idempotency-Key, and
 * the user ends with exactly one of what they asked for.
 */
class RepeatedCreationsTest extends AgainstFakeServer {
    @TempDir
    Path dir;

    @AfterEach
    void noCutLeftForTheNextTest() {
        server.cutAfterCreations.set(0);
    }

    private int run(String... args) {
        return run(FakeServer.PASSWORD, Optional.empty(), () -> { }, args);
    }

    @Test
    void aSubmissionWhoseAnswerWasCutAfterTheCommitLeavesExactlyOneWork() {
        Set<String> before = new HashSet<>(server.works.keySet());
        int keys = server.keysReceived.size();
        server.cutAfterCreations.set(1);

        assertThat(run("xwsendwork", "echo", "hello")).as(err.toString()).isZero();

        Set<String> added = new HashSet<>(server.works.keySet());
        added.removeAll(before);
        assertThat(added).as("works the server holds after one xwsendwork whose answer was cut").hasSize(1);
        assertThat(out.toString().strip()).isEqualTo(added.iterator().next());
        assertThat(server.keysReceived.subList(keys, server.keysReceived.size())).as("the same key on the retry")
                .hasSize(2).containsOnly(server.keysReceived.get(keys));
    }

    @Test
    void aSweepWhoseAnswerWasCutAfterTheCommitLeavesEachJobOnce() throws IOException {
        Path params = Files.writeString(dir.resolve("sweep.txt"), "-e 1\n-e 2\n-e 3\n");
        int before = server.works.size();
        server.cutAfterCreations.set(1);

        assertThat(run("xwsendwork", "echo", "--xwparams", params.toString())).as(err.toString()).isZero();

        assertThat(server.works.size() - before).isEqualTo(3);
        assertThat(out.toString().strip().split("\\s+")).hasSize(3).allMatch(server.works::containsKey);
    }

    @Test
    void aDataWhoseAnswerWasCutAfterTheCommitIsInsertedOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("input.txt"), "some input\n");
        int before = server.datas.size();
        server.cutAfterCreations.set(1);

        assertThat(run("xwsenddata", "input.txt", file.toString())).as(err.toString()).isZero();

        assertThat(server.datas.size() - before).isEqualTo(1);
    }
}
