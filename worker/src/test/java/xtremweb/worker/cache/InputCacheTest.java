package xtremweb.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.wire.InputRef;

class InputCacheTest {
    @TempDir
    Path temp;

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs({org.junit.jupiter.api.condition.OS.LINUX, org.junit.jupiter.api.condition.OS.MAC})
    void theCacheOfOtherPeoplesInputsIsReadableByTheWorkersUserOnlyEvenIfItExisted() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("cache"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));

        new InputCache(dir);

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    /** A worker killed mid-download left its partial file: the next start removes it, not the verified ones. */
    @Test
    void aDownloadAKilledWorkerLeftIsRemovedAtTheNextStart() throws Exception {
        byte[] content = "input bytes".getBytes(StandardCharsets.UTF_8);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        InputCache first = new InputCache(temp.resolve("cache"));
        Path cached = first.get(new InputRef("d-1", "in.txt", content.length, sha256), target -> Files.write(target, content));
        Path left = Files.write(temp.resolve("cache").resolve(sha256.replace('a', 'b') + "4711" + ".part"), new byte[1000]);

        new InputCache(temp.resolve("cache"));

        assertThat(left).doesNotExist();
        assertThat(cached).hasBinaryContent(content);
    }

    @Test
    void anInputLargerThanTheFreeDiskIsRefusedAsAFullDiskBeforeAnyByteIsFetched() throws Exception {
        InputCache cache = new InputCache(temp.resolve("cache"));
        AtomicInteger fetches = new AtomicInteger();
        InputRef huge = new InputRef("d-1", "big", 1L << 50, sha256("x"), "https://example.org/big");

        assertThatThrownBy(() -> cache.get(huge, target -> fetches.incrementAndGet()))
                .isInstanceOf(java.nio.file.FileSystemException.class).hasMessageContaining("No space left on device")
                .hasMessageContaining("input 'big' is 1125899906842624 bytes");
        assertThat(fetches).hasValue(0);
    }

    @Test
    void downloadsOnceAndReusesTheVerifiedFile() throws Exception {
        InputCache cache = new InputCache(temp.resolve("cache"));
        InputRef ref = new InputRef("d-1", "app", 5, sha256("hello"));
        AtomicInteger downloads = new AtomicInteger();
        InputCache.Fetcher fetcher = target -> {
            downloads.incrementAndGet();
            Files.writeString(target, "hello");
        };

        Path first = cache.get(ref, fetcher);
        Path second = cache.get(ref, fetcher);

        assertThat(downloads).hasValue(1);
        assertThat(second).isEqualTo(first).hasContent("hello");
        assertThat(first.getFileName().toString()).isEqualTo(ref.sha256());
    }

    @Test
    void refusesBytesWhoseSha256DiffersAndCachesNothing() throws Exception {
        InputCache cache = new InputCache(temp.resolve("cache"));
        InputRef ref = new InputRef("d-1", "app", 5, sha256("hello"));

        assertThatThrownBy(() -> cache.get(ref, target -> Files.writeString(target, "HELLO")))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("SHA-256").hasMessageContaining(ref.sha256());
        try (var files = Files.list(cache.dir())) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void refusesBytesOfTheWrongSize() throws Exception {
        InputCache cache = new InputCache(temp.resolve("cache"));
        InputRef ref = new InputRef("d-1", "app", 6, sha256("hello"));

        assertThatThrownBy(() -> cache.get(ref, target -> Files.writeString(target, "hello")))
                .isInstanceOf(InputRejectedException.class).hasMessageContaining("5 bytes");
    }

    @Test
    void refusesAnInputWithoutAUsableSha256WithoutDownloading() throws IOException {
        InputCache cache = new InputCache(temp.resolve("cache"));
        AtomicInteger downloads = new AtomicInteger();

        assertThatThrownBy(() -> cache.get(new InputRef("d-1", "app", 1, "../../etc/passwd"),
                target -> downloads.incrementAndGet()))
                .isInstanceOf(InputRejectedException.class);
        assertThat(downloads).hasValue(0);
    }
}
