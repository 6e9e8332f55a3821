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

    /**
     * The server keeps no key for sessions: any keyed request naming one of yours is a repetition
     * to it. The key went with the first attempt too, so a second "xwsendsession run-1" (a script
     * run twice) printed the first run's UID, and both runs' works ended in one session.
     */
    @Test
    void aSecondSessionOfTheSameNameIsRefusedNamingTheFirst() {
        assertThat(run("xwsendsession", "run-twice")).as(err.toString()).isZero();
        String first = out.toString().strip();
        out.getBuffer().setLength(0);

        assertThat(run("xwsendsession", "run-twice")).isEqualTo(ExitCodes.FAILURE);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("you already have a session named 'run-twice': " + first);
        assertThat(server.sessions.values()).filteredOn(s -> s.name().equals("run-twice")).hasSize(1);
    }

    @Test
    void aUsersFirstCreationCarriesNoKeySoThatATakenLoginIsRefusedAsTheManualSays() throws IOException {
        // the server answered a keyed "xwsenduser alice ..." of a login taken "as asked" with that user, exit 0
        Path password = Files.writeString(dir.resolve("pw"), "a long secret\n");
        int keys = server.keysReceived.size();

        assertThat(run("xwsenduser", "--xwpasswordfile", password.toString(), "dora", "dora@example.org", "STANDARD_USER"))
                .as(err.toString()).isZero();

        assertThat(server.keysReceived).hasSize(keys);
    }

    @Test
    void aSessionWhoseAnswerWasCutAfterTheCommitIsCreatedOnceAndPrinted() {
        int keys = server.keysReceived.size();
        server.cutAfterCreations.set(1);

        assertThat(run("xwsendsession", "run-cut")).as(err.toString()).isZero();

        assertThat(server.sessions.values()).filteredOn(s -> s.name().equals("run-cut")).singleElement()
                .satisfies(s -> assertThat(out.toString().strip()).isEqualTo(s.uid()));
        assertThat(server.keysReceived.size() - keys).as("the repetition only carries a key").isEqualTo(1);
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
