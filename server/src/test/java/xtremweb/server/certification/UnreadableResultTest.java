package xtremweb.server.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result zip whose content does not unzip fails every comparison the same way: it is refused as
 * {@link UnreadableResult} (so it agrees with nothing), while a disk problem stays a plain
 * {@link IOException}, retried with the report.
 */
class UnreadableResultTest {
    @TempDir
    Path temp;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(temp.resolve(name), content);
    }

    private static byte[] honest() throws IOException {
        return ResultZips.zip(1L, "stdout", "the answer is 42, computed at length\n".repeat(20));
    }

    private static ResultComparator[] comparators() {
        return new ResultComparator[] {new ByteEqualComparator(), new NumericToleranceComparator()};
    }

    @Test
    void aZipWhoseCompressedDataIsGarbageIsUnreadableWhicheverSideItIsOn() throws Exception {
        Path good = file("good.zip", honest());
        Path garbled = file("garbled.zip", ResultZips.garbled(honest()));
        for (ResultComparator comparator : comparators()) {
            assertThatThrownBy(() -> comparator.agree(good, garbled)).isInstanceOf(UnreadableResult.class)
                    .hasMessage("its file 'stdout' does not unzip (invalid block type)")
                    .satisfies(e -> assertThat(((UnreadableResult) e).result()).isEqualTo(garbled));
            assertThatThrownBy(() -> comparator.agree(garbled, good)).isInstanceOf(UnreadableResult.class)
                    .satisfies(e -> assertThat(((UnreadableResult) e).result()).isEqualTo(garbled));
            assertThatThrownBy(() -> comparator.agree(garbled, garbled)).as("the same garbage twice agrees with nothing")
                    .isInstanceOf(UnreadableResult.class);
        }
    }

    @Test
    void aZipWhoseCompressedDataIsCutShortIsUnreadable() throws Exception {
        Path good = file("good.zip", honest());
        Path cut = file("cut.zip", ResultZips.cutShort(honest()));
        for (ResultComparator comparator : comparators()) {
            assertThatThrownBy(() -> comparator.agree(cut, good)).isInstanceOf(UnreadableResult.class)
                    .hasMessage("its file 'stdout' does not unzip (Unexpected end of ZLIB input stream)");
        }
    }

    @Test
    void aZipTruncatedBeforeItsCentralDirectoryIsComparedWholeAndAgreesWithNoZip() throws Exception {
        byte[] zip = honest();
        Path truncated = file("truncated.zip", Arrays.copyOf(zip, zip.length / 2));
        assertThat(new ByteEqualComparator().agree(truncated, file("good.zip", zip))).isFalse();
    }

    @Test
    void aResultFileMissingFromTheDiskIsNotTakenForAnUnreadableResult() throws Exception {
        Path good = file("good.zip", honest());
        Path missing = temp.resolve("missing.zip");
        assertThatThrownBy(() -> new ByteEqualComparator().agree(good, missing)).isInstanceOf(NoSuchFileException.class)
                .isNotInstanceOf(NotComparable.class);
    }
}
