package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.client.api.XwClient;

/** A client that waits (xwresult --xwwait, a macro) outlives its token and polls at the pace it is told. */
class LongRunningClientTest extends AgainstFakeServer {
    @TempDir
    Path dir;

    /** Runs after the command's log-in: what happens to the session while the command works. */
    private Runnable afterLogIn = () -> { };

    @BeforeEach
    void freshSession() {
        server.password = FakeServer.PASSWORD;
        server.expireToken();
    }

    private int run(String... args) {
        return run(FakeServer.PASSWORD, Optional.empty(), afterLogIn, args);
    }

    /** A work's result as a worker uploads it: a zip holding its stdout.txt. */
    private Path resultZip() throws java.io.IOException {
        Path zip = dir.resolve("made.zip");
        try (var zipped = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            zipped.putNextEntry(new java.util.zip.ZipEntry("stdout.txt"));
            zipped.write("done\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return zip;
    }

    private String submit() {
        assertThat(run("xwsendwork", "echo")).as(err.toString()).isZero();
        String uid = out.toString().strip();
        out.getBuffer().setLength(0);
        return uid;
    }

    @Test
    void aWaitRefusedBecauseTheUserHoldsTooManyWaitsIsTriedAgainUntilOneEnds() throws Exception {
        // Another terminal of the same user holds all its long polls (longpoll.perCaller): this
        // xwresult --xwwait waits for a place instead of failing, and says why once.
        String uid = submit();
        Path zip = resultZip();
        afterLogIn = () -> {
            server.busyAwaits.set(2);
            Thread.ofVirtual().start(() -> {
                try {
                    org.awaitility.Awaitility.await("the refused waits").atMost(java.time.Duration.ofSeconds(20))
                            .until(() -> server.busyAwaits.get() == 0);
                    server.complete(uid, zip, 0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        };

        assertThat(run("xwresult", "--xwwait", "30", "--xwnoerase", "--xwout", dir.toString(), uid)).as(err.toString()).isZero();
        assertThat(out.toString()).contains(uid + " COMPLETED exit=0");
        assertThat(err.toString()).contains("longpoll.perCaller").contains("trying again until the wait ends");
        assertThat(err.toString().lines().filter(l -> l.contains("longpoll.perCaller")).count()).as(err.toString()).isEqualTo(1);
        assertThat(server.busyAwaits.get()).isZero();
    }

    @Test
    void expiredTokenIsRenewedOnceAndTheCallRepeated() {
        XwClient client = loggedIn(FakeServer.PASSWORD);
        int before = server.logins.get();
        server.expireToken();

        assertThat(client.works().list(Optional.empty())).isNotNull();
        assertThat(server.logins.get()).isEqualTo(before + 1);
    }

    @Test
    void refusedRenewalIsOneSentenceWithExitFour() {
        afterLogIn = () -> {
            server.expireToken();
            server.password = "changed by the administrator";
        };

        assertThat(run("xwworks")).isEqualTo(ExitCodes.DENIED);
        assertThat(err.toString().strip().lines()).singleElement().asString()
                .contains("no longer accepts the session of 'bob'").contains("logging in again was refused")
                .doesNotContain("Exception");
    }

    @Test
    void clientLoopDelaySetsHowOftenAWaitingResultPolls() {
        String pending = submit();
        int before = server.workReads.get();

        assertThat(run("xwresult", "--xwwait", "1", "--xwclientloopdelay", "100", "--xwout", dir.toString(), pending))
                .isEqualTo(ExitCodes.FAILURE);
        assertThat(server.workReads.get() - before).as("polls in one second, 100 ms apart").isGreaterThanOrEqualTo(5);
        assertThat(err.toString()).contains(pending + " is PENDING");
    }

    @Test
    void waitingResultOutlivesAServerRestartAndSaysSo() throws Exception {
        String uid = submit();
        Path zip = resultZip();
        afterLogIn = () -> {
            server.cutWorkCalls.set(3);
            Thread.ofVirtual().start(() -> {
                try {
                    // The work ends once the client has met every cut call, i.e. while it retries.
                    org.awaitility.Awaitility.await("the client's cut calls").atMost(java.time.Duration.ofSeconds(20))
                            .until(() -> server.cutWorkCalls.get() == 0);
                    server.complete(uid, zip, 0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        };

        assertThat(run("xwresult", "--xwwait", "30", "--xwnoerase", "--xwout", dir.toString(), uid)).as(err.toString()).isZero();
        assertThat(out.toString()).contains(uid + " COMPLETED exit=0");
        assertThat(err.toString()).contains("still waiting (the server may be restarting)").contains("answers again");
        assertThat(server.cutWorkCalls.get()).isZero();
    }

    @Test
    void resultsOfAWaitAreDownloadedOnceTheRestartedServerAnswers() throws Exception {
        String first = submit();
        String second = submit();
        Path zip = resultZip();
        server.complete(first, zip, 0);
        server.complete(second, zip, 0);
        afterLogIn = () -> server.cutDataCalls.set(3 * 5); // more than the 5 attempts of one download

        assertThat(run("xwresult", "--xwwait", "30", "--xwnoerase", "--xwout", dir.resolve("out").toString(), first, second))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains(first + " COMPLETED exit=0").contains(second + " COMPLETED exit=0");
        assertThat(dir.resolve("out").resolve(first).resolve("stdout.txt")).hasContent("done");
        assertThat(err.toString()).contains("still waiting");
        assertThat(server.cutDataCalls.get()).isZero();
    }

    @Test
    void aWorkWhoseErasureTheRestartCutIsErasedOnceTheServerIsBack() throws Exception {
        String first = submit();
        String second = submit();
        Path zip = resultZip();
        server.complete(first, zip, 0);
        server.complete(second, zip, 0);
        afterLogIn = () -> server.cutWorkDeletions.set(2);

        assertThat(run("xwresult", "--xwwait", "30", "--xwout", dir.resolve("out").toString(), first, second))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains(first + " COMPLETED exit=0").contains(second + " COMPLETED exit=0");
        assertThat(err.toString()).contains("still waiting").doesNotContain("already exists");
        assertThat(server.deleted).contains(first, second);
    }

    @Test
    void aWorkErasedJustBeforeTheServerDiedCountsAsErased() throws Exception {
        String first = submit();
        String second = submit();
        Path zip = resultZip();
        server.complete(first, zip, 0);
        server.complete(second, zip, 0);
        afterLogIn = () -> server.cutAfterWorkDeletions.set(1);

        assertThat(run("xwresult", "--xwwait", "30", "--xwout", dir.resolve("out").toString(), first, second))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains(first + " COMPLETED exit=0").contains(second + " COMPLETED exit=0");
        assertThat(err.toString()).doesNotContain("no work");
        assertThat(dir.resolve("out").resolve(first).resolve("stdout.txt")).hasContent("done");
    }

    @Test
    void aWaitStartedWhileTheServersDatabaseIsDownLogsInOnceItIsBack() throws Exception {
        // Seen live: a sweep's xwresult --xwwait started as the server's MariaDB went down ended at
        // once with exit 1 on its login's 503, while the wait itself would have outlived the outage.
        String uid = submit();
        Path zip = resultZip();
        server.complete(uid, zip, 0);
        server.unavailableLogins.set(2);
        try {
            assertThat(run("xwresult", "--xwwait", "60", "--xwout", dir.resolve("out").toString(), uid)).as(err.toString()).isZero();
        } finally {
            server.unavailableLogins.set(0);
        }
        assertThat(out.toString()).contains(uid + " COMPLETED exit=0");
        assertThat(err.toString()).contains("cannot reach its database").contains("still waiting").contains("answers again");
    }

    @Test
    void withoutAWaitALoginRefusedForAnOutageEndsTheCommandAtOnce() {
        server.unavailableLogins.set(1);
        try {
            assertThat(run("xwresult", "--xwout", dir.toString(), "00000000-0000-0000-0000-000000000001")).isNotZero();
        } finally {
            server.unavailableLogins.set(0);
        }
        assertThat(err.toString()).contains("cannot reach its database").doesNotContain("still waiting");
    }

    @Test
    void waitEndingWhileTheServerIsDownSaysNothingIsLostAndWhatToDo() {
        String uid = submit();
        afterLogIn = () -> server.cutWorkCalls.set(Integer.MAX_VALUE);
        try {
            assertThat(run("xwresult", "--xwwait", "2", "--xwout", dir.toString(), uid)).isEqualTo(ExitCodes.UNREACHABLE);
        } finally {
            server.cutWorkCalls.set(0);
        }
        assertThat(err.toString()).contains("still waiting").contains("Nothing is lost").contains("ask again once it is back")
                .doesNotContain("Exception");
    }

    @Test
    void cleanRemovesPartialDownloadsBeforeTheCommandRuns() throws Exception {
        Path partial = Files.writeString(dir.resolve("result.zip.part"), "half a result");
        Path kept = Files.writeString(dir.resolve("result.zip"), "a whole result");

        assertThat(run("xwresult", "--xwclean", "--xwout", dir.toString())).isZero();
        assertThat(partial).doesNotExist();
        assertThat(kept).exists();
        assertThat(err.toString()).contains("removed " + partial);
    }
}
