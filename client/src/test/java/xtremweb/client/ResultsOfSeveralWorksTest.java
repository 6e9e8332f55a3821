package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xwresult --xwwait} with several UIDs waits for them all at once ({@code POST /works/await},
 * the not-yet-ended ones again each time) and fetches each result as soon as its work ends, with the
 * output and exit codes of the one-by-one wait; an older server is waited for work by work.
 */
class ResultsOfSeveralWorksTest extends AgainstFakeServer {
    @TempDir
    Path dir;

    @AfterEach
    void newerServerAgain() {
        server.awaitsMany = true;
        server.sendsContents = true;
    }

    private int run(String... args) {
        return run(FakeServer.PASSWORD, Optional.empty(), () -> { }, args);
    }

    private String submit() {
        assertThat(run("xwsendwork", "echo")).as(err.toString()).isZero();
        String uid = out.toString().strip();
        out.getBuffer().setLength(0);
        return uid;
    }

    private Path zip(String text) throws IOException {
        Path zip = Files.createTempFile(dir, "result", ".zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(file)) {
            z.putNextEntry(new ZipEntry("stdout.txt"));
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return zip;
    }

    private void completeLater(String uid, long millis) {
        CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(millis);
                server.complete(uid, zip(uid), 0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Completes the work once the server has let in its {@code awaits}-th waiting call (counted from its start). */
    private void completeWhileAwaited(String uid, int awaits) {
        CompletableFuture.runAsync(() -> {
            try {
                org.awaitility.Awaitility.await("wait " + awaits + " held").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(5)).until(() -> server.awaitCalls.get() >= awaits);
                // The held wait looks at its works again in a loop: it sees this end at its next look.
                server.complete(uid, zip(uid), 0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<String> fetched() {
        return out.toString().lines().map(line -> line.substring(0, line.indexOf(' '))).toList();
    }

    @Test
    void severalWorksAreAwaitedTogetherAndEachFetchedAsItEnds() throws IOException {
        String first = submit();
        String second = submit();
        String third = submit();
        server.complete(third, zip(third), 0);
        int reads = server.workReads.get();
        int awaits = server.awaitCalls.get();
        // Each of the others ends while a wait is held (not after a fixed time: on a loaded machine
        // the client's first wait may come later than that, and see two ends at once).
        completeWhileAwaited(first, awaits + 2);
        completeWhileAwaited(second, awaits + 3);

        int exit = run("xwresult", first, second, third, "--xwwait", "20", "--xwout", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(fetched()).as("in the order the works ended").containsExactly(third, first, second);
        for (String uid : List.of(first, second, third)) {
            assertThat(dir.resolve(uid).resolve("stdout.txt")).hasContent(uid);
            assertThat(out.toString()).contains(uid + " COMPLETED exit=0 -> " + dir.resolve(uid));
        }
        assertThat(server.workReads.get() - reads).as("no read of a single work").isZero();
        assertThat(server.awaitCalls.get() - awaits).as("one long poll per batch of ends").isBetween(3, 4);
    }

    @Test
    void theResultsOfWorksEndedTogetherComeInOneCall() throws IOException {
        List<String> works = List.of(submit(), submit(), submit());
        for (String uid : works) {
            server.complete(uid, zip(uid), 0);
        }
        int contentsCalls = server.contentsCalls.get();
        int sends = server.contentSends.get();
        int held = server.notModified.get();

        int exit = run(new String[] {"xwresult", works.get(0), works.get(1), works.get(2), "--xwwait", "20", "--xwout", dir.toString()});

        assertThat(exit).as(err.toString()).isZero();
        for (String uid : works) {
            assertThat(dir.resolve(uid).resolve("stdout.txt")).hasContent(uid);
            assertThat(out.toString()).contains(uid + " COMPLETED exit=0 -> " + dir.resolve(uid));
            assertThat(dir.resolve(uid + ".zip.part")).doesNotExist();
        }
        assertThat(server.contentsCalls.get() - contentsCalls).as("one call for the three results").isEqualTo(1);
        assertThat(server.contentSends.get() - sends).as("no content fetched alone").isZero();
        assertThat(server.notModified.get() - held).as("nor asked again").isZero();
    }

    @Test
    void aServerWithoutTheCallForSeveralContentsGivesThemOneByOne() throws IOException {
        server.sendsContents = false;
        List<String> works = List.of(submit(), submit());
        for (String uid : works) {
            server.complete(uid, zip(uid), 0);
        }
        int sends = server.contentSends.get();

        int exit = run(new String[] {"xwresult", works.get(0), works.get(1), "--xwwait", "20", "--xwout", dir.toString()});

        assertThat(exit).as(err.toString()).isZero();
        for (String uid : works) {
            assertThat(dir.resolve(uid).resolve("stdout.txt")).hasContent(uid);
        }
        assertThat(server.contentSends.get() - sends).isEqualTo(2);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aSessionRemovedWhileSeveralWorksAreAwaitedIsOneLineAndEndsTheWait() throws IOException {
        String done = submit();
        String pending = submit();
        // While the wait is held (the fake server counts it once it is let in), the user is
        // removed: the token stops working and logging in again is refused. The work that ends
        // then cannot be downloaded any more, nor anything else.
        int before = server.awaitCalls.get();
        CompletableFuture.runAsync(() -> {
            try {
                org.awaitility.Awaitility.await("the wait held").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                        .until(() -> server.awaitCalls.get() > before);
                server.password = "changed-" + FakeServer.PASSWORD;
                server.expireToken();
                server.complete(done, zip(done), 0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            int exit = run("xwresult", done, pending, "--xwwait", "20", "--xwout", dir.toString());

            assertThat(exit).isEqualTo(ExitCodes.DENIED);
            assertThat(out.toString()).isEmpty();
            assertThat(err.toString().strip().lines()).as(err.toString()).singleElement().asString()
                    .contains("no longer accepts the session", "logging in again was refused");
        } finally {
            server.password = FakeServer.PASSWORD;
        }
    }

    @Test
    void aWorkNotEndedInTimeIsReportedAsBeforeWhileTheOthersAreFetched() throws IOException {
        String done = submit();
        String pending = submit();
        server.complete(done, zip(done), 0);

        int exit = run("xwresult", pending, done, "--xwwait", "1", "--xwout", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.FAILURE);
        assertThat(fetched()).containsExactly(done);
        // It waited already: the advice is to wait longer, and why a work may stay PENDING.
        assertThat(err.toString()).contains("work " + pending + " is PENDING still after 1 s, its result is not ready;"
                + " wait longer with a larger --xwwait").contains("no worker has taken it yet");
    }

    @Test
    void aFailedWorkAmongSeveralSaysWhyAndTheOthersAreStillFetched() throws IOException {
        String failed = submit();
        String done = submit();
        server.fail(failed, "segmentation fault");
        completeLater(done, 200);

        assertThat(run("xwresult", failed, done, "--xwwait", "10", "--xwout", dir.toString())).isEqualTo(ExitCodes.FAILURE);

        assertThat(fetched()).containsExactly(done);
        assertThat(err.toString()).contains("work " + failed + " ended in ERROR: segmentation fault");
    }

    @Test
    void anUnknownWorkAmongSeveralIsReportedAloneAndTheOthersFetched() throws IOException {
        String done = submit();
        String unknown = UUID.randomUUID().toString();
        server.complete(done, zip(done), 0);

        int exit = run("xwresult", unknown, done, "--xwwait", "5", "--xwout", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(fetched()).containsExactly(done);
        assertThat(err.toString()).contains("no such object");
    }

    @Test
    void aServerWithoutTheCallIsWaitedForWorkByWork() throws IOException {
        server.awaitsMany = false;
        String first = submit();
        String second = submit();
        server.complete(first, zip(first), 0);
        completeLater(second, 300);

        int exit = run("xwresult", first, second, "--xwwait", "10", "--xwout", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(fetched()).containsExactly(first, second);
        assertThat(err.toString()).isEmpty();
    }
}
