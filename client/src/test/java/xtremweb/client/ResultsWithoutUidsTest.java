package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.wire.WorkView;

/**
 * xwresult without UIDs fetches "every COMPLETED work of yours" (its help; the manual: "all
 * results for the user"): a listing that also holds other users' works, as a SUPER_USER's does,
 * must not bring their results home too.
 */
class ResultsWithoutUidsTest extends AgainstFakeServer {
    @TempDir
    Path dir;

    private int run(String... args) {
        return run(FakeServer.PASSWORD, Optional.empty(), () -> { }, args);
    }

    private String completedWork(String ownerUid) throws IOException {
        out.getBuffer().setLength(0);
        assertThat(run("xwsendwork", "echo")).as(err.toString()).isZero();
        String uid = out.toString().strip();
        Path zip = dir.resolve(uid + "-made.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("stdout.txt"));
            z.write("out\n".getBytes(StandardCharsets.UTF_8));
        }
        server.complete(uid, zip, 0);
        WorkView w = server.works.get(uid);
        server.works.put(uid, new WorkView(w.uid(), w.appUid(), w.appName(), ownerUid, w.label(), w.args(), w.status(),
                w.exitCode(), null, null, null, w.resultDataUid(), w.accessRights(), 0, w.submitted(), w.completed())
                .withOwnerLogin(ownerUid.equals("u1") ? "bob" : "alice"));
        return uid;
    }

    @Test
    void withoutUidsOnlyTheCallersOwnResultsAreFetched() throws IOException {
        String mine = completedWork("u1");
        String alices = completedWork("u-alice");
        Path into = dir.resolve("results");
        out.getBuffer().setLength(0);

        assertThat(run("xwresult", "--xwnoerase", "--xwout", into.toString())).as(err.toString()).isZero();

        assertThat(into.resolve(mine)).isDirectory();
        assertThat(into.resolve(alices)).doesNotExist();
        assertThat(into.resolve(alices + ".zip")).doesNotExist();
        assertThat(out.toString()).contains(mine).doesNotContain(alices);
    }

    @Test
    void withNothingCompletedItSaysSoAndHowToWaitForTheWorksNotEndedInsteadOfPrintingNothing() {
        server.works.clear();
        assertThat(run("xwsendwork", "echo")).as(err.toString()).isZero();
        String pending = out.toString().strip();
        out.getBuffer().setLength(0);

        assertThat(run("xwresult", "--xwout", dir.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("no COMPLETED work of yours to fetch").contains("1 of your works has not ended")
                .contains("xwresult --xwwait SECONDS waits for them");
        assertThat(server.works).containsKey(pending);
    }

    @Test
    void waitingWithoutUidsFetchesEachOfTheCallersWorksNotEndedYetAsItEnds() throws Exception {
        server.works.clear();
        List<String> pending = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            out.getBuffer().setLength(0);
            assertThat(run("xwsendwork", "echo")).as(err.toString()).isZero();
            pending.add(out.toString().strip());
        }
        Path zip = dir.resolve("made.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("stdout.txt"));
            z.write("out\n".getBytes(StandardCharsets.UTF_8));
        }
        int awaitsBefore = server.awaitCalls.get();
        Thread worker = new Thread(() -> {
            try {
                // The works end while the client waits for them (its long poll has reached the server).
                org.awaitility.Awaitility.await("xwresult waiting").atMost(java.time.Duration.ofSeconds(20))
                        .until(() -> server.awaitCalls.get() > awaitsBefore);
                for (String uid : pending) {
                    server.complete(uid, zip, 0);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        worker.start();
        Path into = dir.resolve("waited");
        out.getBuffer().setLength(0);

        assertThat(run("xwresult", "--xwwait", "20", "--xwnoerase", "--xwout", into.toString())).as(err.toString()).isZero();
        worker.join();

        for (String uid : pending) {
            assertThat(into.resolve(uid).resolve("stdout.txt")).hasContent("out");
        }
    }

    @Test
    void waitingWithoutUidsAndNothingLeftToWaitForSaysSo() {
        server.works.clear();

        assertThat(run("xwresult", "--xwwait", "1", "--xwout", dir.toString())).as(err.toString()).isZero();

        assertThat(err.toString()).contains("no COMPLETED work of yours to fetch").contains("none is left to wait for");
    }

    @Test
    void aWorkErasedByAnotherClientOnceListedIsSaidAndIsNoFailure() throws IOException {
        server.works.clear();
        String mine = completedWork("u1");
        String takenElsewhere = completedWork("u1");
        server.erasedOnceListed.add(takenElsewhere);
        Path into = dir.resolve("two-terminals");
        out.getBuffer().setLength(0);

        assertThat(run("xwresult", "--xwout", into.toString())).as(err.toString()).isZero();

        assertThat(into.resolve(mine).resolve("stdout.txt")).hasContent("out");
        assertThat(err.toString()).contains("work " + takenElsewhere + " was erased from the server since it was listed");
    }

    @Test
    void aWorkNamedThatIsGoneStaysNotFound() throws IOException {
        server.works.clear();
        String named = completedWork("u1");
        server.works.remove(named);

        assertThat(run("xwresult", "--xwout", dir.toString(), named)).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void resultsFetchedBeforeAreLeftAsTheyAreWhenXwresultRunsAgainForTheNewOnes() throws IOException {
        server.works.clear();
        String first = completedWork("u1");
        Path into = dir.resolve("again");
        assertThat(run("xwresult", "--xwnoerase", "--xwout", into.toString())).as(err.toString()).isZero();
        String second = completedWork("u1");
        int sends = server.contentSends.get();
        err.getBuffer().setLength(0);
        out.getBuffer().setLength(0);

        assertThat(run("xwresult", "--xwnoerase", "--xwout", into.toString())).as(err.toString()).isZero();

        assertThat(err.toString()).doesNotContain("already exists");
        assertThat(out.toString()).contains(first).contains(second);
        assertThat(into.resolve(second).resolve("stdout.txt")).hasContent("out");
        assertThat(server.contentSends.get()).as("only the new result is sent").isEqualTo(sends + 1);
    }

    @Test
    void anExtractedResultBesideAZipThatIsNotTheResultIsStillRefused() throws IOException {
        server.works.clear();
        String work = completedWork("u1");
        Path into = dir.resolve("changed");
        assertThat(run("xwresult", "--xwnoerase", "--xwout", into.toString())).as(err.toString()).isZero();
        Files.writeString(into.resolve(work + ".zip"), "not the result");

        assertThat(run("xwresult", "--xwnoerase", "--xwout", into.toString(), work)).isEqualTo(ExitCodes.FAILURE);

        assertThat(err.toString()).contains("already exists; remove it or add --xwoverride");
        assertThat(into.resolve(work + ".zip")).hasContent("not the result");
    }
}
