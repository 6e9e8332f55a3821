package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * xwdownload names the file after the data, and a data's name is chosen by whoever inserted it:
 * any name must give a file inside --xwout, never an internal error.
 */
class DownloadedFileNameTest extends AgainstFakeServer {
    @TempDir
    Path dir;

    private int run(String... args) {
        return run(FakeServer.PASSWORD, Optional.empty(), () -> { }, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "//", "..", ".", "a/..", "../../escape", "/etc/passwd"})
    void anyDataNameGivesAFileInsideTheOutputDirectory(String name) throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "content\n");
        assertThat(run("xwsenddata", name, input.toString())).as(err.toString()).isZero();
        String uid = out.toString().strip();
        out.getBuffer().setLength(0);
        Path into = Files.createDirectories(dir.resolve("into"));

        int exit = run("xwdownload", uid, "--xwout", into.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).doesNotContain("internal error");
        Path written = Path.of(out.toString().strip());
        assertThat(written.toAbsolutePath().normalize().getParent()).isEqualTo(into.toAbsolutePath().normalize());
        assertThat(written).hasContent("content");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chapter.part", "big.dat.part.etag"})
    void aNameTheClientCacheTakesForItsOwnIsNotKeptSoCleaningCannotDeleteTheDownload(String name) throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "content\n");
        assertThat(run("xwsenddata", name, input.toString())).as(err.toString()).isZero();
        String uid = out.toString().strip();
        out.getBuffer().setLength(0);
        Path into = Files.createDirectories(dir.resolve("into"));

        assertThat(run("xwdownload", uid, "--xwout", into.toString())).as(err.toString()).isZero();
        Path written = Path.of(out.toString().strip());
        assertThat(written.getFileName().toString()).isEqualTo(uid);

        assertThat(ClientCache.clean(into)).isEmpty();
        assertThat(written).hasContent("content");
    }

    @org.junit.jupiter.api.Test
    void theSameContentAlreadyHereIsNoErrorAndAnotherFileOfThatNameIsKept() throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "content\n");
        assertThat(run("xwsenddata", "notes.txt", input.toString())).as(err.toString()).isZero();
        String uid = out.toString().strip();
        Path into = Files.createDirectories(dir.resolve("twice"));
        assertThat(run("xwdownload", uid, "--xwout", into.toString())).as(err.toString()).isZero();
        int sends = server.contentSends.get();
        out.getBuffer().setLength(0);

        // downloaded twice: the manual's --xwoverride "redownload[s] a file even if it exists", so by default it is not
        assertThat(run("xwdownload", uid, "--xwout", into.toString())).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo(into.resolve("notes.txt").toString());
        assertThat(server.contentSends.get()).isEqualTo(sends);

        Files.writeString(into.resolve("notes.txt"), "my own notes");
        assertThat(run("xwdownload", uid, "--xwout", into.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("already exists; remove it or add --xwoverride");
        assertThat(into.resolve("notes.txt")).hasContent("my own notes");
    }
}
