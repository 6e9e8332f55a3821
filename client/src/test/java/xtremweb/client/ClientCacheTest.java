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
    void cleaningAMissingDirectoryRemovesNothing() {
        assertThat(ClientCache.clean(dir.resolve("absent"))).isEmpty();
    }
}
