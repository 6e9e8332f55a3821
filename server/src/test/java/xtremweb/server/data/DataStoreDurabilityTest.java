package xtremweb.server.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content reaches the disk before anything points at it: the bytes are forced before the
 * rename, the directory that gained the name is forced after it, and a resumable piece is forced
 * before the offset it makes is answered. The real fsyncs run too (the recorder calls through).
 */
class DataStoreDurabilityTest {
    private static final String UID = "ab3e2f10-0000-4000-8000-000000000001";
    @TempDir
    Path temp;
    private final List<String> events = new ArrayList<>();

    private final LocalDataStore.Fsync recorder = new LocalDataStore.Fsync() {
        @Override
        public void file(FileChannel channel, Path file) throws IOException {
            LocalDataStore.Fsync.DISK.file(channel, file);
            events.add("file " + temp.relativize(file) + " " + channel.size());
        }

        @Override
        public void directory(Path directory) throws IOException {
            LocalDataStore.Fsync.DISK.directory(directory);
            events.add("dir " + temp.relativize(directory) + " " + names(directory));
        }
    };

    @Test
    void receivedBytesAreForcedBeforeTheRenameAndTheRenameBeforeAcceptReturns() throws Exception {
        LocalDataStore store = new LocalDataStore(temp.resolve("data"), recorder);
        LocalDataStore.TempFile received = store.receive(UID, new ByteArrayInputStream(new byte[1234]));
        assertThat(events).singleElement().asString().startsWith("file data/tmp/upload-").endsWith(".part 1234");

        store.accept(received, UID);

        // The new first-level directory is made durable in the root, then the name in it.
        assertThat(events).hasSize(3);
        assertThat(events.get(1)).isEqualTo("dir data [ab, partial, tmp]");
        assertThat(events.get(2)).isEqualTo("dir data/ab [" + UID + "]");
        assertThat(store.path(UID)).hasSize(1234);
    }

    @Test
    void aResumablePieceIsForcedBeforeItsNewOffsetIsKnown() throws Exception {
        LocalDataStore store = new LocalDataStore(temp.resolve("data"), recorder);
        store.append(UID, 0, new ByteArrayInputStream(new byte[100]));
        store.append(UID, 100, new ByteArrayInputStream(new byte[50]));

        assertThat(events).containsExactly(
                "file data/partial/" + UID + " 100",
                "dir data/partial [" + UID + "]",
                "file data/partial/" + UID + " 150");
        assertThat(store.received(UID)).isEqualTo(150);
    }

    private static List<String> names(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
