package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkView;

class CommandsAgainstFakeServerTest extends AgainstFakeServer {
    @TempDir
    Path dir;

    private int run(String password, Optional<Path> redirectedStdin, String... args) {
        return run(password, redirectedStdin, () -> { }, args);
    }

    private int run(String... args) {
        return run(FakeServer.PASSWORD, Optional.empty(), args);
    }

    private static final String SWEEP_SESSION = "5e551011-0000-4000-8000-000000000001";

    private String submittedUid() {
        return out.toString().strip();
    }

    @Test
    void sendworkUploadsStdinFileAndPrintsOnlyTheWorkUid() throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "hello grid\n");

        int exit = run("xwsendwork", "echo", "a b", "-n", "5", "--xwstdin", input.toString(), "--xwlabel", "L");

        assertThat(exit).as(err.toString()).isEqualTo(0);
        assertThat(submittedUid()).matches("[0-9a-f-]{36}");
        WorkView work = server.works.get(submittedUid());
        assertThat(work.args()).containsExactly("a b", "-n", "5");
        assertThat(work.label()).isEqualTo("L");
        assertThat(server.contents.get(work.stdinDataUid())).asString(StandardCharsets.UTF_8).isEqualTo("hello grid\n");
        // uploaded for this work only: released at once, so the server sweeps it when the work is erased
        assertThat(server.deletedDatas).contains(work.stdinDataUid());
    }

    @Test
    void aMacroRunsEveryLineThroughTheRealCommandsAndStopsAtTheFailingOne() throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "macro input\n");
        Path macro = Files.writeString(dir.resolve("jobs.xw"), String.join("\n",
                "# two jobs, then a mistake, then a line that must not run",
                "xwsendwork echo 'first job' --xwlabel m1",
                "xtremweb.client --xwsendwork echo second < " + input,
                "xwsendwork nosuchapp",
                "xwsendwork echo never"));
        int before = server.works.size();

        int exit = run("xwmacro", macro.toString());

        assertThat(exit).as(err.toString()).isEqualTo(3);
        assertThat(server.works.size() - before).isEqualTo(2);
        assertThat(err.toString()).contains("line 4 failed").contains("nosuchapp");
        assertThat(server.works.values()).anySatisfy(w -> {
            assertThat(w.args()).containsExactly("second");
            assertThat(server.contents.get(w.stdinDataUid())).asString(StandardCharsets.UTF_8).isEqualTo("macro input\n");
        });
    }

    @Test
    void aMacroLineNamingNoCommandIsRefusedBeforeAnyLineRuns() throws IOException {
        Path macro = Files.writeString(dir.resolve("typo.xw"), String.join("\n",
                "xwsendwork echo 'first job'",
                "xwsendowrk echo second",
                "xwworks"));
        int before = server.works.size();

        int exit = run("xwmacro", macro.toString());

        // A re-run after fixing the typo must not submit the first job twice: nothing ran.
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(server.works.size() - before).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains(macro + " line 2").contains("'xwsendowrk' is not a client command")
                .contains("nothing was run");
    }

    @Test
    void aWorkInErrorShowsWhyInTheTableAndTheColumnIsThereOnlyThen() {
        run("xwsendwork", "echo");
        String fine = submittedUid();
        out.getBuffer().setLength(0);
        assertThat(run("xwworks")).isZero();
        assertThat(out.toString()).doesNotContain("REASON");
        out.getBuffer().setLength(0);

        run("xwsendwork", "echo");
        String failed = submittedUid();
        server.fail(failed, "cannot execute the app binary: exec format error\n(neither an executable of this system nor a #! script)");
        out.getBuffer().setLength(0);

        assertThat(run("xwworks")).isZero();
        String table = out.toString();
        assertThat(table.lines().findFirst().orElseThrow()).contains("REASON");
        assertThat(table.lines().filter(l -> l.startsWith(failed)).findFirst().orElseThrow())
                .contains("ERROR").contains("cannot execute the app binary: exec format error (neither an").endsWith("...");
        assertThat(table.lines().filter(l -> l.startsWith(fine)).findFirst().orElseThrow()).doesNotContain("exec format");
    }

    @Test
    void worksNamedAmongOthersThatAreGoneAreStillListedAndTheGoneOnesNamed() {
        run("xwsendwork", "echo");
        String known = submittedUid();
        out.getBuffer().setLength(0);
        String gone = "00000000-0000-4000-8000-000000000000";

        int exit = run("xwworks", gone, known);

        // As xwrm and xwchmod do with several UIDs: each one's answer, and the first failure's exit code.
        assertThat(exit).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(out.toString()).contains(known).doesNotContain(gone);
        // the fake's 404 sentence; the real server's names the UID ("no work ... visible to you")
        assertThat(err.toString()).contains("no such object");
    }

    @Test
    void sendworkUsesStandardInputRedirectedFromAFile() throws IOException {
        Path input = Files.writeString(dir.resolve("redirected.txt"), "from the shell");

        assertThat(run(FakeServer.PASSWORD, Optional.of(input), "xwsendwork", "echo")).isEqualTo(0);

        WorkView work = server.works.get(submittedUid());
        assertThat(server.contents.get(work.stdinDataUid())).asString(StandardCharsets.UTF_8).isEqualTo("from the shell");
    }

    @Test
    void sendworkRedirectedFromADirectoryIsRefusedInsteadOfSubmittedWithNoInput() throws IOException {
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        // the shell's "< inputs": /proc/self/fd/0 leads to the directory
        Path fd0 = Files.createSymbolicLink(dir.resolve("fd0"), inputs);
        assertThat(ClientMain.redirectedFrom(fd0)).contains(inputs.toRealPath());
        assertThat(ClientMain.redirectedFrom(Path.of("/dev/null"))).isEmpty();
        int before = server.works.size();

        assertThat(run(FakeServer.PASSWORD, Optional.of(inputs), "xwsendwork", "echo")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("standard input is redirected from " + inputs + ", a directory");
        assertThat(server.works).hasSize(before);
    }

    @Test
    void sendworkTakesTheManualsLessThanArgumentAsTheJobsStandardInput() throws IOException {
        Path input = Files.writeString(dir.resolve("manual.txt"), "as the manual writes it");

        // xwsendwork APP [ARGS] '<' FILE: the '<' quoted, so the shell hands it over.
        int exit = run("xwsendwork", "echo", "-n", "4", "<", input.toString());

        assertThat(exit).as(err.toString()).isEqualTo(0);
        WorkView work = server.works.get(submittedUid());
        assertThat(work.args()).containsExactly("-n", "4");
        assertThat(server.contents.get(work.stdinDataUid())).asString(StandardCharsets.UTF_8).isEqualTo("as the manual writes it");

        // After --, every argument is the app's, a '<' included.
        out.getBuffer().setLength(0);
        assertThat(run("xwsendwork", "echo", "--", "1", "<", "2")).as(err.toString()).isEqualTo(0);
        WorkView literal = server.works.get(submittedUid());
        assertThat(literal.args()).containsExactly("1", "<", "2");
        assertThat(literal.stdinDataUid()).isNull();
    }

    @Test
    void aLessThanWithoutItsFileIsAUsageErrorAndNothingIsSubmitted() {
        // it used to go to the job as its last argument, the job then reading no standard input
        int before = server.works.size();
        assertThat(run("xwsendwork", "echo", "-n", "4", "<")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'<' ends the arguments with no file after it");
        assertThat(server.works).hasSize(before);

        assertThat(run("xwsendwork", "echo", "--", "a", "<")).as(err.toString()).isZero();
        assertThat(server.works.get(submittedUid()).args()).containsExactly("a", "<");
    }

    @Test
    void aLessThanFollowedByMoreThanItsFileIsAUsageErrorAndNothingIsSubmitted() throws IOException {
        // it went to the job as three arguments ('<', the file's name, '-v'), the job reading no standard input
        Path input = Files.writeString(dir.resolve("in.txt"), "data");
        int before = server.works.size();

        assertThat(run("xwsendwork", "echo", "<", input.toString(), "-v")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("'<' " + input + " must end the arguments, but -v follows it");
        assertThat(server.works).hasSize(before);
    }

    @Test
    void aLessThanNamingNoFileSaysSoAsWrittenBeforeAnythingIsSent() {
        int before = server.works.size();
        int datas = server.contents.size();

        assertThat(run("xwsendwork", "echo", "-n", "1", "<", "no-such-input.txt")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("'<' no-such-input.txt: no such file").doesNotContain("--xwstdin");
        assertThat(server.works).hasSize(before);
        assertThat(server.contents).hasSize(datas);
    }

    @Test
    void sendworkRefusesTwoStandardInputsOnItsCommandLineInsteadOfSilentlyTakingOne() throws IOException {
        Path option = Files.writeString(dir.resolve("option.txt"), "from --xwstdin");
        Path redirected = Files.writeString(dir.resolve("redirected.txt"), "from the redirection");
        int works = server.works.size();
        int datas = server.contents.size();

        // --xwstdin and the manual's '<' argument, without and with the shell's redirection too.
        for (Optional<Path> shell : List.of(Optional.<Path>empty(), Optional.of(redirected))) {
            err.getBuffer().setLength(0);
            int exit = run(FakeServer.PASSWORD, shell, "xwsendwork", "echo", "--xwstdin", option.toString(), "<", redirected.toString());
            assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("standard input is given twice").contains(option.toString());
        }
        assertThat(out.toString()).isEmpty();
        assertThat(server.works.size()).isEqualTo(works);
        assertThat(server.contents.size()).as("nothing uploaded").isEqualTo(datas);
    }

    @Test
    void aRedirectionBesideTheStandardInputOnTheCommandLineIsNamedInAWarningNotDroppedSilently() throws IOException {
        Path option = Files.writeString(dir.resolve("option.txt"), "from --xwstdin");
        Path manual = Files.writeString(dir.resolve("manual.txt"), "from the manual's <");
        // a script's loop: while read ...; do xwsendwork ...; done < list
        Path loop = Files.writeString(dir.resolve("list.txt"), "the loop's list");

        for (List<String> line : List.of(List.of("xwsendwork", "echo", "--xwstdin", option.toString()),
                List.of("xwsendwork", "echo", "<", manual.toString()))) {
            err.getBuffer().setLength(0);
            out.getBuffer().setLength(0);
            int exit = run(FakeServer.PASSWORD, Optional.of(loop), line.toArray(String[]::new));

            assertThat(exit).as(err.toString()).isEqualTo(0);
            WorkView work = server.works.get(submittedUid());
            assertThat(server.contents.get(work.stdinDataUid())).asString(StandardCharsets.UTF_8)
                    .isEqualTo(line.contains("--xwstdin") ? "from --xwstdin" : "from the manual's <");
            assertThat(err.toString()).contains("warning").contains(loop.toString()).contains("not sent");
        }
    }

    @Test
    void aMacroLineWithBothStandardInputsFailsAndSubmitsNothing() throws IOException {
        Path option = Files.writeString(dir.resolve("option.txt"), "from --xwstdin");
        Path redirected = Files.writeString(dir.resolve("redirected.txt"), "from the redirection");
        Path macro = Files.writeString(dir.resolve("both.xw"),
                "xwsendwork echo --xwstdin " + option + " < " + redirected + "\n");
        int works = server.works.size();

        int exit = run("xwmacro", macro.toString());

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("standard input");
        assertThat(server.works.size()).isEqualTo(works);
    }

    @Test
    void unknownAppIsTheServersSentenceWithExitThree() {
        assertThat(run("xwsendwork", "nope")).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("xtremweb.client: app 'nope' is not installed; list apps with xwapps"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void wrongPasswordIsRefusedWithExitFourAndNeverShown() {
        assertThat(run("wrong-secret", Optional.empty(), "xwping")).isEqualTo(4);
        assertThat(err.toString()).contains("xtremweb.client: login refused for 'bob': wrong login or password")
                .doesNotContain("wrong-secret");
    }

    @Test
    void pingShowsServerLoginAndRights() {
        assertThat(run("xwping")).isEqualTo(0);
        assertThat(out.toString()).contains(server.uri().toString()).contains("bob").contains("STANDARD_USER");
    }

    @Test
    void resultIsDownloadedVerifiedExtractedAndOnlyThenTheWorkErased() throws IOException {
        run("xwsendwork", "echo");
        String uid = submittedUid();
        server.complete(uid, zip("stdout.txt", "hello\n"), 0);
        out.getBuffer().setLength(0);

        int exit = run("xwresult", uid, "--xwout", dir.toString(), "--xwwait", "5");

        assertThat(exit).as(err.toString()).isEqualTo(0);
        assertThat(dir.resolve(uid).resolve("stdout.txt")).hasContent("hello\n");
        assertThat(dir.resolve(uid + ".zip")).exists();
        assertThat(out.toString().strip()).isEqualTo(uid + " COMPLETED exit=0 -> " + dir.resolve(uid));
        assertThat(server.deleted).contains(uid);
    }

    @Test
    void xwresultOfASessionSaysItIsASessionAndHowToListItsWorks() {
        xtremweb.common.wire.GroupingView session = new xtremweb.common.wire.GroupingView(java.util.UUID.randomUUID().toString(),
                "sweep-1", "u1", "0x700", java.time.Instant.now());
        server.sessions.put(session.uid(), session);

        assertThat(run("xwresult", session.uid(), "--xwout", dir.toString())).isEqualTo(ExitCodes.NOT_FOUND);

        assertThat(err.toString()).contains(session.uid() + " is a session ('sweep-1'), not a work")
                .contains("xwworks --xwsession " + session.uid());
        server.sessions.remove(session.uid());
    }

    @Test
    void aResultThatCannotBeStoredSaysWhereAndWhy() throws IOException {
        run("xwsendwork", "echo");
        String uid = submittedUid();
        server.complete(uid, zip("stdout.txt", "x"), 0);
        Path notADirectory = Files.writeString(dir.resolve("notes.txt"), "mine\n");

        assertThat(run("xwresult", uid, "--xwout", notADirectory.toString())).isEqualTo(ExitCodes.FAILURE);

        assertThat(err.toString()).contains("cannot store the result of work " + uid + " in " + notADirectory)
                .contains("a file of that name already exists");
        assertThat(notADirectory).hasContent("mine\n");
        assertThat(server.deleted).doesNotContain(uid);
    }

    @Test
    void theResultOfAnotherUsersReadableWorkIsFetchedAndTheWorkLeftToItsOwner() throws IOException {
        run("xwsendwork", "echo");
        String uid = submittedUid();
        server.complete(uid, zip("stdout.txt", "shared\n"), 0);
        server.works.computeIfPresent(uid, (k, w) -> new WorkView(w.uid(), w.appUid(), w.appName(), "a11ce-uid", w.label(),
                w.args(), w.status(), w.exitCode(), w.errorMessage(), w.stdinDataUid(), w.envDataUid(), w.resultDataUid(),
                "0x755", w.retries(), w.submitted(), w.completed()).withOwnerLogin("alice"));
        out.getBuffer().setLength(0);

        assertThat(run("xwresult", uid, "--xwout", dir.toString())).as(err.toString()).isZero();

        assertThat(dir.resolve(uid).resolve("stdout.txt")).hasContent("shared\n");
        assertThat(server.deleted).doesNotContain(uid);
        assertThat(err.toString()).contains("belongs to user 'alice'").contains("left on the server")
                .doesNotContain("a11ce-uid");
    }

    @Test
    void aResultWhoseAppFailedSaysSoOnStderrNamingItsStandardError() throws IOException {
        // "exit=2" at the end of the line went unnoticed: the scientist took the result for a good one
        run("xwsendwork", "echo");
        String uid = submittedUid();
        server.complete(uid, zip("stderr.txt", "apptest: -n needs a number\n"), 2);
        out.getBuffer().setLength(0);

        assertThat(run("xwresult", uid, "--xwout", dir.toString())).as(err.toString()).isZero();

        assertThat(out.toString().strip()).isEqualTo(uid + " COMPLETED exit=2 -> " + dir.resolve(uid));
        assertThat(err.toString().strip()).isEqualTo("xtremweb.client: the app of work " + uid + " exited with code 2; what it"
                + " said is in " + dir.resolve(uid).resolve("stderr.txt"));
    }

    @Test
    void resultWithNoEraseAndNoExtractKeepsTheWorkAndTheZip() throws IOException {
        run("xwsendwork", "echo");
        String uid = submittedUid();
        server.complete(uid, zip("stdout.txt", "x"), 7);
        out.getBuffer().setLength(0);

        assertThat(run("xwresult", uid, "--xwout", dir.toString(), "--xwnoextract", "--xwnoerase")).isEqualTo(0);

        assertThat(out.toString().strip()).isEqualTo(uid + " COMPLETED exit=7 -> " + dir.resolve(uid + ".zip"));
        assertThat(err.toString()).contains("exited with code 7; what it said is in the stderr.txt of its result "
                + dir.resolve(uid + ".zip"));
        assertThat(dir.resolve(uid)).doesNotExist();
        assertThat(server.deleted).doesNotContain(uid);
    }

    @Test
    void aResultIsFetchedWithoutReadingItsDataRecordAndNotSentAgainWhenHeld() throws IOException {
        // The fake server is shared by the class: count from here, whichever test fetched results before.
        server.dataReads.set(0);
        server.contentSends.set(0);
        server.notModified.set(0);
        run("xwsendwork", "echo");
        String uid = submittedUid();
        server.complete(uid, zip("stdout.txt", "once\n"), 0);

        assertThat(run("xwresult", uid, "--xwout", dir.toString(), "--xwnoextract", "--xwnoerase")).as(err.toString()).isEqualTo(0);
        // The work, then its content (checked against the SHA-256 sent with it): no data record read between.
        assertThat(server.dataReads).hasValue(0);
        assertThat(server.contentSends).hasValue(1);
        byte[] first = Files.readAllBytes(dir.resolve(uid + ".zip"));

        // Asked again: the zip here is the result, the server says so without sending it.
        assertThat(run("xwresult", uid, "--xwout", dir.toString(), "--xwnoextract", "--xwnoerase")).as(err.toString()).isEqualTo(0);
        assertThat(server.notModified).hasValue(1);
        assertThat(server.contentSends).hasValue(1);
        assertThat(dir.resolve(uid + ".zip")).hasBinaryContent(first);

        // A damaged copy here is replaced by the result; --xwoverride downloads whatever is here.
        Files.write(dir.resolve(uid + ".zip"), new byte[] {1, 2, 3});
        assertThat(run("xwresult", uid, "--xwout", dir.toString(), "--xwnoextract", "--xwnoerase")).as(err.toString()).isEqualTo(0);
        assertThat(dir.resolve(uid + ".zip")).hasBinaryContent(first);
        assertThat(run("xwresult", uid, "--xwout", dir.toString(), "--xwnoextract", "--xwnoerase", "--xwoverride")).isEqualTo(0);
        assertThat(server.contentSends).hasValue(3);
        assertThat(server.notModified).hasValue(1);
        assertThat(server.dataReads).hasValue(0);
    }

    @Test
    void aSmallUploadDoesNotWaitFor100ContinueALargeOneDoes() throws IOException {
        Path small = Files.writeString(dir.resolve("small.txt"), "tiny\n");
        Path large = Files.write(dir.resolve("large.bin"), new byte[200 * 1024]);

        int before = server.uploadExpects.size();
        assertThat(run("xwsenddata", "small.txt", small.toString())).as(err.toString()).isZero();
        assertThat(run("xwsenddata", "large.bin", large.toString())).as(err.toString()).isZero();

        // The wait for "100 Continue" is a round trip: worth it only where a refusal would save sending much.
        assertThat(server.uploadExpects.subList(before, server.uploadExpects.size()))
                .map(e -> e.toLowerCase(java.util.Locale.ROOT)).containsExactly("null", "100-continue");
        assertThat(server.contents.values()).anySatisfy(c -> assertThat(c).isEqualTo("tiny\n".getBytes(StandardCharsets.UTF_8)))
                .anySatisfy(c -> assertThat(c).hasSize(200 * 1024));
    }

    @Test
    void unsafeResultIsRefusedAndTheWorkKept() throws IOException {
        run("xwsendwork", "echo");
        String uid = submittedUid();
        server.complete(uid, zip("../escape.txt", "evil"), 0);

        assertThat(run("xwresult", uid, "--xwout", dir.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("../escape.txt");
        assertThat(dir.getParent().resolve("escape.txt")).doesNotExist();
        assertThat(server.deleted).doesNotContain(uid);
    }

    @Test
    void aResultThatWouldExpandPastItsLimitIsRefusedAndKeptAsAZip() throws IOException {
        run("xwsendwork", "echo");
        String uid = submittedUid();
        // A zip whose entry says it holds 2 GiB: a zip bomb as its sizes tell it (checked before a byte is written).
        Path bomb = zip("big.bin", "x");
        byte[] bytes = Files.readAllBytes(bomb);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 28 <= bytes.length; i++) {
            if (buffer.getInt(i) == 0x02014b50) {
                buffer.putInt(i + 24, 0x80000000);
            }
        }
        Files.write(bomb, bytes);
        server.complete(uid, bomb, 0);

        assertThat(run("xwresult", uid, "--xwout", dir.toString())).isEqualTo(1);

        assertThat(err.toString()).contains(uid).contains("zip bomb").contains("kept as " + dir.resolve(uid + ".zip"));
        assertThat(dir.resolve(uid + ".zip")).exists();
        assertThat(dir.resolve(uid).resolve("big.bin")).doesNotExist();
        assertThat(server.deleted).doesNotContain(uid);
    }

    @Test
    void aMistypedOptionBeforeTheAppIsNotTakenForTheAppsName() {
        int works = server.works.size();

        assertThat(run("xwsendwork", "--xwbogus", "echo")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("'--xwbogus' is not an option of xwsendwork").doesNotContain("not installed");
        assertThat(server.works).hasSize(works);
    }

    @Test
    void aFileInTheWayOrMissingIsSaidInWordsNotAsAJavaClass() throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "data\n");
        assertThat(run("xwsenddata", "in.txt", input.toString())).as(err.toString()).isZero();
        String uid = out.toString().strip();
        Path aFile = Files.writeString(dir.resolve("not-a-dir"), "x");
        err.getBuffer().setLength(0);

        assertThat(run("xwdownload", uid, "--xwout", aFile.toString())).isEqualTo(ExitCodes.FAILURE);

        assertThat(err.toString()).contains("cannot use " + aFile).contains("a file of that name already exists")
                .doesNotContain("internal error").doesNotContain("java.nio");
    }

    /** An "echo" work submitted through the CLI and completed on the fake server with "out" on its stdout. */
    private String aCompletedWork(String zipName) throws IOException {
        run("xwsendwork", "echo");
        String uid = submittedUid();
        Path zip = dir.resolve(zipName + ".zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("stdout.txt"));
            z.write("out\n".getBytes(StandardCharsets.UTF_8));
        }
        server.complete(uid, zip, 0);
        return uid;
    }

    @Test
    void aResultDeletedWhileItsWorkIsNotIsSaidAsTheWorksResultNotAsAnUnknownData() throws IOException {
        String uid = aCompletedWork("made");
        String result = server.works.get(uid).resultDataUid();
        server.contents.remove(result);
        server.datas.remove(result);

        assertThat(run("xwresult", uid, "--xwout", dir.resolve("out").toString())).isEqualTo(ExitCodes.NOT_FOUND);

        assertThat(err.toString()).contains("the result of work " + uid).contains("deleted").doesNotContain("list yours with xwdatas");
        assertThat(server.works).containsKey(uid);
    }

    @Test
    void failedWorkIsReportedWithItsReasonAndExitOne() {
        run("xwsendwork", "echo");
        String uid = submittedUid();
        server.fail(uid, "binary not found for linux/amd64");

        assertThat(run("xwresult", uid, "--xwwait", "2", "--xwout", dir.toString())).isEqualTo(1);

        assertThat(err.toString()).contains(uid).contains("binary not found for linux/amd64");
    }

    @Test
    void worksAreListedAsATableOrAsJson() {
        run("xwsendwork", "echo", "--xwlabel", "mylabel");
        String uid = submittedUid();
        out.getBuffer().setLength(0);

        assertThat(run("xwworks", uid)).isEqualTo(0);
        assertThat(out.toString()).startsWith("UID").contains(uid).contains("PENDING").contains("mylabel");

        out.getBuffer().setLength(0);
        assertThat(run("xwworks", uid, "--xwformat", "json")).isEqualTo(0);
        assertThat(out.toString().strip()).startsWith("[").contains("\"uid\" : \"" + uid + "\"");
    }

    @Test
    void worksOfOtherUsersAreListedWithAnOwnerColumnNamingThemByLogin() {
        run("xwsendwork", "echo", "--xwlabel", "mine");
        String own = submittedUid();
        out.getBuffer().setLength(0);
        run("xwsendwork", "echo", "--xwlabel", "theirs");
        String other = submittedUid();
        server.works.computeIfPresent(other, (k, w) -> new WorkView(w.uid(), w.appUid(), w.appName(), "a11ce-uid", w.label(),
                w.args(), w.status(), w.exitCode(), w.errorMessage(), w.stdinDataUid(), w.envDataUid(), w.resultDataUid(),
                w.accessRights(), w.retries(), w.submitted(), w.completed()).withOwnerLogin("alice"));
        out.getBuffer().setLength(0);

        assertThat(run("xwworks", own)).as(err.toString()).isZero();
        assertThat(out.toString().lines().findFirst().orElseThrow()).doesNotContain("OWNER");

        out.getBuffer().setLength(0);
        assertThat(run("xwworks", own, other)).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).matches("UID +OWNER +STATUS.*");
        assertThat(lines).filteredOn(l -> l.startsWith(other)).singleElement().asString().contains(" alice ").doesNotContain("a11ce-uid");
        assertThat(lines).filteredOn(l -> l.startsWith(own)).singleElement().asString().contains(" bob ");

        out.getBuffer().setLength(0);
        assertThat(run("xwworks", other, "--xwformat", "csv")).as(err.toString()).isZero();
        assertThat(out.toString().lines().findFirst().orElseThrow()).contains("ownerUid", "ownerLogin");
        assertThat(out.toString()).contains("a11ce-uid").contains(",alice");
    }

    @Test
    void aListingLongerThanOnePageIsReadPageByPage() {
        List<String> added = addPendingWorksUpTo(WorkView.LISTED_AT_MOST + 3);
        try {
            assertThat(run("xwworks", "--xwformat", "csv")).as(err.toString()).isZero();

            assertThat(err.toString()).doesNotContain("only the first");
            assertThat(out.toString().lines().skip(1).map(l -> l.substring(0, l.indexOf(',')))).containsAll(added)
                    .hasSize(server.works.size()).doesNotHaveDuplicates();
        } finally {
            added.forEach(server.works::remove);
        }
    }

    @Test
    void aListingCutByAServerThatCannotPageSaysSoOnStderr() {
        List<String> added = addPendingWorksUpTo(WorkView.LISTED_AT_MOST + 3);
        server.pagesListings = false;
        try {
            assertThat(run("xwworks", "--xwformat", "csv")).isZero();
            assertThat(err.toString()).contains("only the first 10000 works submitted are listed");
            assertThat(out.toString()).doesNotContain("only the first");
            assertThat(out.toString().lines().skip(1)).hasSize(WorkView.LISTED_AT_MOST).doesNotHaveDuplicates();
        } finally {
            server.pagesListings = true;
            added.forEach(server.works::remove);
        }
    }

    /** Pending works added until the server holds {@code total}, one millisecond apart; their UIDs. */
    private List<String> addPendingWorksUpTo(int total) {
        List<String> added = new java.util.ArrayList<>();
        java.time.Instant start = java.time.Instant.now();
        for (int i = server.works.size(); i < total; i++) {
            String uid = java.util.UUID.randomUUID().toString();
            server.works.put(uid, new WorkView(uid, "a1", "echo", "u1", null, List.of(), xtremweb.common.model.WorkStatus.PENDING,
                    null, null, null, null, null, "0x700", 0, start.plusMillis(i), null, null, null));
            added.add(uid);
        }
        return added;
    }

    @Test
    void aWorkNamedTwiceIsFetchedOrDeletedOnceAndSucceeds() throws IOException {
        String uid = aCompletedWork("twice");
        out.getBuffer().setLength(0);

        // Fetched and erased the first time: the second must not fail with "no work ... visible to you".
        assertThat(run("xwresult", uid, uid.toUpperCase(java.util.Locale.ROOT), "--xwout", dir.resolve("twice").toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith(uid))).hasSize(1);

        run("xwsendwork", "echo");
        String other = out.toString().lines().reduce((a, b) -> b).orElseThrow().strip();
        assertThat(run("xwrm", other, other)).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anEmptyMacroFileIsAUsageErrorSaidOnStderr() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.xw"), "");
        assertThat(run("xwmacro", empty.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("holds no command");
    }

    @Test
    void rmDeletesWorksAndNamesUnknownOnes() {
        run("xwsendwork", "echo");
        String uid = submittedUid();

        assertThat(run("xwrm", uid)).isEqualTo(0);
        assertThat(server.deleted).contains(uid);
        // neither a UID nor an app's name (xwrm takes those too)
        assertThat(run("xwrm", "not-a-uid")).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(err.toString()).contains("'not-a-uid' is not a UID").contains("nor the name of an app");
        // an administrator removing the user group 'physics' by its label is told how to name it
        assertThat(err.toString()).contains("a user or user group by its UID").contains("xwusers").contains("xwusergroups");
        assertThat(run("xwrm", "not/a/uid")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aParameterSweepIsOneWorkPerLineSentInOneRequestWithQuotesKept() throws IOException {
        Path params = Files.writeString(dir.resolve("energies.txt"), """
                # energies to scan
                -e 1

                -e "2 and a half" 'it''s'
                   -e 3 \\"q\\" ''
                """);
        int batches = server.batchSizes.size();

        int exit = run("xwsendwork", "echo", "-v", "--xwparams", params.toString(), "--xwlabel", "scan", "--xwsession", SWEEP_SESSION);

        assertThat(exit).as(err.toString()).isEqualTo(0);
        List<WorkView> works = out.toString().lines().map(server.works::get).toList();
        assertThat(works).extracting(WorkView::args).containsExactly(List.of("-v", "-e", "1"),
                List.of("-v", "-e", "2 and a half", "its"), List.of("-v", "-e", "3", "\"q\"", ""));
        assertThat(works).extracting(WorkView::label).containsExactly("scan-2", "scan-4", "scan-5");
        assertThat(works).extracting(WorkView::sessionUid).containsOnly(SWEEP_SESSION);
        assertThat(server.batchSizes.subList(batches, server.batchSizes.size())).containsExactly(3);
    }

    /**
     * A sweep of an app with many copies per work: the server refuses a request of more jobs than
     * their copies allow (413 too-many-copies, nothing created), and xwsendwork sends it again in
     * smaller requests instead of leaving the user to cut the parameter file.
     */
    @Test
    void aSweepRefusedForItsCopiesIsSentAgainInSmallerRequestsInOrder() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            lines.append("-e ").append(i).append('\n');
        }
        Path params = Files.writeString(dir.resolve("copies.txt"), lines);
        server.mostJobsWithTheirCopies = 3;
        int batches = server.batchSizes.size();

        int exit = run("xwsendwork", "echo", "--xwparams", params.toString());

        assertThat(exit).as(err.toString()).isEqualTo(0);
        List<WorkView> works = out.toString().lines().map(server.works::get).toList();
        assertThat(works).extracting(w -> w.args().get(1)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(server.batchSizes.subList(batches, server.batchSizes.size())).allMatch(n -> n <= 3).hasSizeGreaterThan(3);
    }

    /**
     * A sweep of more than one request whose server is killed after the first: the works it took
     * stay, and the user is told which (or sending the sweep again duplicates them). It said only
     * "error talking to the server", as if nothing had been submitted.
     */
    @Test
    void aSweepCutBetweenTwoRequestsNamesTheWorksSubmittedSoARetryDuplicatesNothing() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < WorkBatch.MAX_JOBS + 5; i++) {
            lines.append("-e ").append(i).append('\n');
        }
        Path params = Files.writeString(dir.resolve("big.txt"), lines);
        int before = server.works.size();
        server.cutBatchesAfter.set(server.batchSizes.size() + 1);
        int exit;
        try {
            exit = run("xwsendwork", "echo", "--xwparams", params.toString());
        } finally {
            server.cutBatchesAfter.set(Integer.MAX_VALUE); // the server is shared by the class's tests
        }

        assertThat(exit).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(server.works.size() - before).isEqualTo(WorkBatch.MAX_JOBS);
        assertThat(err.toString()).contains("the first " + WorkBatch.MAX_JOBS + " of the " + (WorkBatch.MAX_JOBS + 5)
                + " works were submitted and stay, the other 5 were not").contains("xwworks");
        String[] named = err.toString().substring(err.toString().indexOf("Submitted: ") + "Submitted: ".length()).strip().split(" ");
        assertThat(named).hasSize(WorkBatch.MAX_JOBS).allMatch(server.works::containsKey);
    }

    @Test
    void aMalformedParameterLineSubmitsNothingAndNamesTheLine() throws IOException {
        Path params = Files.writeString(dir.resolve("bad.txt"), "-e 1\n-e 2\n-e 'never closed\n-e 4\n");
        int works = server.works.size();

        assertThat(run("xwsendwork", "echo", "--xwparams", params.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("line 3").contains("never closed").contains("nothing was submitted");
        assertThat(out.toString()).isEmpty();
        assertThat(server.works).hasSize(works);
    }

    @Test
    void aSessionIsCreatedListedInEveryFormatAndNarrowsTheWorksListing() {
        assertThat(run("xwsendsession", "run-1")).as(err.toString()).isEqualTo(0);
        String session = submittedUid();
        for (String format : List.of("text", "csv", "xml", "html", "json")) {
            out.getBuffer().setLength(0);
            assertThat(run("xwsessions", "--xwformat", format)).isEqualTo(0);
            assertThat(out.toString()).as(format).contains(session).contains("run-1");
        }
        out.getBuffer().setLength(0);
        run("--xwsendwork", "echo", "--xwsession", session);
        String inside = submittedUid();
        out.getBuffer().setLength(0);
        run("xwsendwork", "echo");
        String outside = submittedUid();
        out.getBuffer().setLength(0);

        assertThat(run("xwworks", "--xwsession", session, "--xwformat", "csv")).isEqualTo(0);

        assertThat(out.toString()).contains(inside).contains(session).doesNotContain(outside);
        out.getBuffer().setLength(0);
        assertThat(run("--xwgetsessions")).isEqualTo(0);
        assertThat(out.toString()).contains(session);
    }

    /**
     * People remember the name they gave xwsendsession: "--xwsession run-named" was sent as it is,
     * and the server answered "no session run-named visible to you" while xwsessions listed it.
     */
    @Test
    void aSessionGivenByItsNameIsTheOneOfThatNameForSendworkAndWorks() {
        run("xwsendsession", "run-named");
        String session = submittedUid();
        out.getBuffer().setLength(0);

        assertThat(run("xwsendwork", "echo", "--xwsession", "Run-Named")).as(err.toString()).isZero();
        String inside = submittedUid();
        assertThat(server.works.get(inside).sessionUid()).isEqualTo(session);
        out.getBuffer().setLength(0);
        assertThat(run("xwworks", "--xwsession", "run-named", "--xwformat", "csv")).as(err.toString()).isZero();
        assertThat(out.toString()).contains(inside);

        // a name nobody gave: said before anything is sent, with what to do
        int works = server.works.size();
        assertThat(run("xwsendwork", "echo", "--xwsession", "no-such-run")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--xwsession no-such-run: you have no session of that name; create it with"
                + " xwsendsession no-such-run, or give the UID of one that xwsessions lists");
        assertThat(server.works).hasSize(works);
    }

    @Test
    void worksNamedByUidAndNarrowedByASessionTypedInCapitalsAreListedNotDropped() {
        run("xwsendsession", "run-caps");
        String session = submittedUid();
        out.getBuffer().setLength(0);
        run("xwsendwork", "echo", "--xwsession", session);
        String inside = submittedUid();
        out.getBuffer().setLength(0);

        assertThat(run("xwworks", "--xwsession", session.toUpperCase(java.util.Locale.ROOT), inside, "--xwformat", "csv"))
                .as(err.toString()).isEqualTo(0);

        assertThat(out.toString()).contains(inside);
    }

    private Path zip(String name, String content) throws IOException {
        Path zip = Files.createTempFile(dir, "result", ".zip");
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(raw)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return zip;
    }
}
