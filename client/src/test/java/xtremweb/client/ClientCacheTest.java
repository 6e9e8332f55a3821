package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCacheTest {
    @TempDir
    Path dir;

    @Test
    void cleaningRemovesOnlyTheClientsPartialDownloads() throws Exception {
        Path partial = Files.writeString(dir.resolve("big.dat.part"), "half");
        Path whole = Files.writeString(dir.resolve("big.dat"), "whole");
        Path notOurs = Files.createDirectory(dir.resolve("folder.part"));
        Path link = Files.createSymbolicLink(dir.resolve("link.part"), whole);

        assertThat(ClientCache.clean(dir)).containsExactly(partial);
        assertThat(whole).exists();
        assertThat(notOurs).isDirectory();
        assertThat(link).isSymbolicLink();
    }

    @Test
    void cleaningRemovesTheTagRememberedBesideEachPartialDownload() throws Exception {
        // what an xwdownload killed mid-transfer leaves: the bytes so far and the content's ETag
        Path partial = Files.writeString(dir.resolve("big.dat.part"), "half");
        Path tag = Files.writeString(dir.resolve("big.dat.part.etag"), "\"4924e6006f1f\"");
        Path orphanTag = Files.writeString(dir.resolve("gone.dat.part.etag"), "\"9c1185a5c5e9\"");
        Path userFile = Files.writeString(dir.resolve("notes.etag"), "mine");

        assertThat(ClientCache.clean(dir)).containsExactly(partial, tag, orphanTag);
        assertThat(userFile).exists();
    }

    @Test
    void cleaningAMissingDirectoryRemovesNothing() {
        assertThat(ClientCache.clean(dir.resolve("absent"))).isEmpty();
    }
}
