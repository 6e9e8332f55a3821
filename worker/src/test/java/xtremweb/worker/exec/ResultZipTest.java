package xtremweb.worker.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultZipTest {
    @TempDir
    Path temp;

    @Test
    void holdsStdoutStderrAndCreatedOrModifiedFilesButNotUntouchedInputs() throws IOException {
        Path scratch = Files.createDirectory(temp.resolve("scratch"));
        Files.writeString(scratch.resolve("input.dat"), "untouched");
        Files.createDirectories(scratch.resolve("conf"));
        Files.writeString(scratch.resolve("conf/params"), "old");
        Files.writeString(scratch.resolve("conf/same-size"), "abc");
        Files.setLastModifiedTime(scratch.resolve("conf/same-size"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        ScratchSnapshot before = ScratchSnapshot.take(scratch);

        Files.writeString(scratch.resolve("stdout.txt"), "out");
        Files.writeString(scratch.resolve("stderr.txt"), "err");
        Files.writeString(scratch.resolve("conf/params"), "rewritten");
        Files.writeString(scratch.resolve("conf/same-size"), "xyz");
        Files.createDirectories(scratch.resolve("out/deep"));
        Files.writeString(scratch.resolve("out/deep/result.csv"), "1,2,3");
        Files.createSymbolicLink(scratch.resolve("link-to-outside"), temp.resolve("secret"));
        Files.writeString(temp.resolve("secret"), "not for the result");

        Path zip = temp.resolve("result.zip");
        ResultZip.write(scratch, before, zip);

        Map<String, String> content = read(zip);
        assertThat(entryOrder(zip)).startsWith("stdout.txt", "stderr.txt");
        assertThat(content).containsOnlyKeys("stdout.txt", "stderr.txt", "conf/params", "conf/same-size",
                "out/deep/result.csv");
        assertThat(content).containsEntry("out/deep/result.csv", "1,2,3").containsEntry("conf/params", "rewritten");
    }

    @Test
    void alwaysHoldsStdoutAndStderrEvenWhenEmpty() throws IOException {
        Path scratch = Files.createDirectory(temp.resolve("scratch"));
        ScratchSnapshot before = ScratchSnapshot.take(scratch);
        Files.createFile(scratch.resolve("stdout.txt"));
        Files.createFile(scratch.resolve("stderr.txt"));

        Path zip = temp.resolve("result.zip");
        ResultZip.write(scratch, before, zip);

        assertThat(read(zip)).containsOnlyKeys("stdout.txt", "stderr.txt");
    }

    @Test
    void declaresTheSha256OfTheZipAsWrittenOnDisk() throws Exception {
        Path scratch = Files.createDirectory(temp.resolve("scratch"));
        ScratchSnapshot before = ScratchSnapshot.take(scratch);
        Files.writeString(scratch.resolve("stdout.txt"), "x=1\n");
        Files.createFile(scratch.resolve("stderr.txt"));
        Files.writeString(scratch.resolve("made.dat"), "made by the job");

        Path zip = temp.resolve("result.zip");
        ResultZip.Written written = ResultZip.write(scratch, before, zip);

        String onDisk = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip)));
        assertThat(written.sha256()).isEqualTo(onDisk);
        assertThat(written.names()).containsExactly("stdout.txt", "stderr.txt", "made.dat");
    }

    static Map<String, String> read(Path zip) throws IOException {
        Map<String, String> content = new TreeMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (var entry : Collections.list(file.entries())) {
                content.put(entry.getName(), new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return content;
    }

    private static List<String> entryOrder(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Collections.list(file.entries()).forEach(e -> names.add(e.getName()));
        }
        return names;
    }
}
