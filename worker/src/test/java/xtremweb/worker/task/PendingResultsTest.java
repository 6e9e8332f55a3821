package xtremweb.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingResultsTest {
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path temp;

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs({org.junit.jupiter.api.condition.OS.LINUX, org.junit.jupiter.api.condition.OS.MAC})
    void keptResultsOfOtherPeoplesJobsAreReadableByTheWorkersUserOnly() throws Exception {
        // the worker's home is made with the umask (0755 here): a local user could read results waiting for the server
        Path dir = Files.createDirectories(temp.resolve("pending"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));

        new PendingResults(dir).keep("task-0", Files.writeString(temp.resolve("result.zip"), "zip bytes"), SHA256, 0);

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void aKeptResultIsFoundAgainByTheNextRunWithItsHashAndExitCode() throws Exception {
        Path zip = Files.writeString(temp.resolve("result.zip"), "zip bytes");
        PendingResults pending = new PendingResults(temp.resolve("pending"));

        pending.keep("task-1", zip, SHA256, 3);

        PendingResults afterRestart = new PendingResults(temp.resolve("pending"));
        Path kept = temp.resolve("pending/task-1#3#" + SHA256 + ".zip");
        assertThat(afterRestart.all()).containsExactly(new PendingResults.Pending("task-1", kept, SHA256, 3, false));
        assertThat(Files.readString(kept)).isEqualTo("zip bytes");
        try (var left = Files.list(temp.resolve("pending"))) {
            assertThat(left).as("one file per kept result: its name says what the upload declares").containsExactly(kept);
        }
        assertThat(afterRestart.holds("task-1")).isTrue();
        assertThat(afterRestart.holds("task-9")).isFalse();
    }

    @Test
    void aResultKeptByAnEarlierVersionOfTheWorkerIsStillFoundAndRemoved() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("pending"));
        Files.writeString(dir.resolve("task-7.zip"), "old zip");
        Files.writeString(dir.resolve("task-7.properties"), "# result of task task-7 waiting for the server\nsha256=" + SHA256
                + "\nexitCode=2\nuploaded=false\n");

        PendingResults pending = new PendingResults(dir);

        assertThat(pending.all()).containsExactly(new PendingResults.Pending("task-7", dir.resolve("task-7.zip"), SHA256, 2, false));
        assertThat(pending.holds("task-7")).isTrue();
        pending.done("task-7");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aZipLeftHalfWrittenByAStoppedWorkerIsRemovedAtTheNextStart() throws Exception {
        PendingResults pending = new PendingResults(temp.resolve("pending"));
        Files.writeString(pending.partFor("task-8"), "half a zip");

        PendingResults afterRestart = new PendingResults(temp.resolve("pending"));

        assertThat(afterRestart.all()).isEmpty();
        assertThat(pending.partFor("task-8")).doesNotExist();
    }

    @Test
    void anUploadedResultIsRememberedAsUploadedSoOnlyItsReportIsSentAgain() throws Exception {
        PendingResults pending = new PendingResults(temp.resolve("pending"));
        PendingResults.Pending kept = pending.keep("task-2", Files.writeString(temp.resolve("r.zip"), "z"), SHA256, 0);

        pending.uploaded(kept);

        assertThat(pending.all()).singleElement().satisfies(p -> assertThat(p.uploaded()).isTrue());
        assertThat(new PendingResults(temp.resolve("pending")).all()).as("after a restart too")
                .singleElement().satisfies(p -> assertThat(p.uploaded()).isTrue());
        Properties file = new Properties();
        try (var reader = Files.newBufferedReader(temp.resolve("pending/task-2.properties"))) {
            file.load(reader);
        }
        assertThat(file).containsEntry("sha256", SHA256).containsEntry("exitCode", "0").containsEntry("uploaded", "true");
        assertThat(temp.resolve("pending/task-2.properties.tmp")).doesNotExist();
    }

    @Test
    void aDeliveredResultLeavesNothingBehind() throws Exception {
        PendingResults pending = new PendingResults(temp.resolve("pending"));
        pending.keep("task-3", Files.writeString(temp.resolve("r.zip"), "z"), SHA256, 0);
        pending.uploaded(pending.all().get(0));

        pending.done("task-3");

        assertThat(pending.all()).isEmpty();
        try (var left = Files.list(temp.resolve("pending"))) {
            assertThat(left).isEmpty();
        }
    }
}
