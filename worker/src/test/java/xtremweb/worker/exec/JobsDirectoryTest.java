package xtremweb.worker.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class JobsDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void whatAKilledRunLeftIsRemovedAtTheNextStartAndNothingOfAnotherWorker() throws Exception {
        Path tmpDir = Files.createDirectories(temp.resolve("tmp"));
        Path home = Files.createDirectories(temp.resolve("home"));
        Path otherHome = Files.createDirectories(temp.resolve("other-home"));
        Path first = JobsDirectory.prepare(tmpDir, home);
        Path other = JobsDirectory.prepare(tmpDir, otherHome);
        // the run is killed while a job runs: its private directories stay
        Path scratch = Directories.createPrivate(first, "xwjob-t1-");
        Files.writeString(scratch.resolve("result.dat"), "someone's result");
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("r-x------"));
        Path otherScratch = Directories.createPrivate(other, "xwjob-t2-");

        Path second = JobsDirectory.prepare(tmpDir, home);

        assertThat(first).doesNotExist();
        assertThat(second).isDirectory().isEmptyDirectory().isNotEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second))).isEqualTo("rwx------");
        assertThat(otherScratch).isDirectory();
    }

    @Test
    void anOrderlyStopRemovesThisRunsDirectoryOnceItsJobsAreGone() throws Exception {
        Path tmpDir = Files.createDirectories(temp.resolve("tmp"));
        Path dir = JobsDirectory.prepare(tmpDir, Files.createDirectories(temp.resolve("home")));
        Path scratch = Directories.createPrivate(dir, "xwjob-t1-");

        JobsDirectory.removeIfEmpty(dir);
        assertThat(scratch).isDirectory();

        Files.delete(scratch);
        JobsDirectory.removeIfEmpty(dir);
        assertThat(dir).doesNotExist();
    }

    @Test
    void aRecordNamingSomethingElseThanAJobsDirectoryOfTheTmpdirRemovesNothing() throws Exception {
        Path tmpDir = Files.createDirectories(temp.resolve("tmp"));
        Path home = Files.createDirectories(temp.resolve("home"));
        Path precious = Files.createDirectories(temp.resolve("precious"));
        Files.writeString(precious.resolve("keep.txt"), "keep");
        Files.writeString(home.resolve(JobsDirectory.RECORD), precious + "\n");

        Path dir = JobsDirectory.prepare(tmpDir, home);

        assertThat(precious.resolve("keep.txt")).hasContent("keep");
        assertThat(dir.getParent()).isEqualTo(tmpDir);
        assertThat(Files.readString(home.resolve(JobsDirectory.RECORD)).strip()).isEqualTo(dir.toAbsolutePath().toString());
    }
}
