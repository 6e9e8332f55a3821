package xtremweb.server.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result zip is expanded only up to the comparison's limits, whether it declares its size or lies
 * about it: colluding hosts returning the same zip bomb cost the server a bounded amount of work.
 */
class ComparisonLimitsTest {
    private static final ComparisonLimits SMALL = new ComparisonLimits(10_000, 3);
    @TempDir
    Path temp;

    /** A zip of one file of {@code zeros} zero bytes, deflated to a few hundred bytes. */
    static byte[] bomb(int zeros) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("stdout"));
            zip.write(new byte[zeros]);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** The same zip, its central directory claiming the file is {@code declared} bytes unzipped. */
    static byte[] lying(byte[] zip, int declared) {
        byte[] out = zip.clone();
        for (int i = out.length - 22; i >= 0; i--) {
            if (out[i] == 'P' && out[i + 1] == 'K' && out[i + 2] == 1 && out[i + 3] == 2) {
                for (int k = 0; k < 4; k++) {
                    out[i + 24 + k] = (byte) (declared >>> (8 * k));
                }
                return out;
            }
        }
        throw new AssertionError("no central directory header");
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(temp.resolve(name), content);
    }

    @Test
    void aZipDeclaringMoreContentThanTheLimitIsNotInflatedAtAll() throws Exception {
        Path a = file("a.zip", bomb(50_000));
        Path b = file("b.zip", bomb(50_000));
        assertThat(Files.size(a)).isLessThan(1_000);
        for (ResultComparator comparator : new ResultComparator[] {new ByteEqualComparator(SMALL),
                new NumericToleranceComparator(1e-6, 1e-12, SMALL)}) {
            assertThatThrownBy(() -> comparator.agree(a, b)).isInstanceOf(TooLargeToCompare.class)
                    .hasMessage("a result declares more than 10000 bytes of content once unzipped, the most a comparison expands");
        }
        assertThat(new ByteEqualComparator().agree(a, b)).as("under the default limits").isTrue();
    }

    @Test
    void aZipLyingAboutItsSizeIsStoppedAtTheLimitOfWhatItReallyExpandsTo() throws Exception {
        Path a = file("a.zip", lying(bomb(50_000), 10));
        Path b = file("b.zip", lying(bomb(50_000), 10));
        for (ResultComparator comparator : new ResultComparator[] {new ByteEqualComparator(SMALL),
                new NumericToleranceComparator(1e-6, 1e-12, SMALL)}) {
            assertThatThrownBy(() -> comparator.agree(a, b)).isInstanceOf(TooLargeToCompare.class)
                    .hasMessageStartingWith("a result expands to more than 10000 bytes of content once unzipped (more than its"
                            + " zip declares)");
        }
    }

    @Test
    void aZipOfMoreFilesThanTheLimitIsNotCompared() throws Exception {
        Path a = file("a.zip", ResultZips.zip(1L, "1", "a", "2", "b", "3", "c", "4", "d"));
        assertThatThrownBy(() -> new ByteEqualComparator(SMALL).agree(a, a)).isInstanceOf(TooLargeToCompare.class)
                .hasMessage("a result holds more than 3 files, the most a comparison reads");
        Path three = file("three.zip", ResultZips.zip(1L, "1", "a", "2", "b", "3", "c"));
        assertThat(new ByteEqualComparator(SMALL).agree(three, file("again.zip", ResultZips.zip(9L, "3", "c", "2", "b", "1", "a"))))
                .isTrue();
    }

    @Test
    void aResultWithinTheLimitsIsComparedAsBefore() throws Exception {
        Path a = file("a.zip", bomb(10_000));
        Path b = file("b.zip", bomb(9_999));
        assertThat(new ByteEqualComparator(SMALL).agree(a, file("c.zip", bomb(10_000)))).isTrue();
        assertThat(new ByteEqualComparator(SMALL).agree(a, b)).isFalse();
    }

    @Test
    void theServersLimitsHoldTheBuiltInComparatorsAndLeaveADeploymentsOwnAlone() throws Exception {
        Path a = file("a.zip", bomb(50_000));
        Path b = file("b.zip", bomb(50_000));
        var limited = Comparators.limitedTo(SMALL);
        for (String name : new String[] {null, "byte-equal", "numeric"}) {
            assertThatThrownBy(() -> limited.apply(name).agree(a, b)).as(String.valueOf(name)).isInstanceOf(TooLargeToCompare.class)
                    .hasMessage("a result declares more than 10000 bytes of content once unzipped, the most a comparison expands");
        }
        assertThat(limited.apply("line-count")).isInstanceOf(LineCountComparator.class);
        assertThat(Comparators.limitedTo(ComparisonLimits.DEFAULT).apply("byte-equal").agree(a, b)).isTrue();
        assertThat(ComparisonLimits.DEFAULT).isEqualTo(new ComparisonLimits(1L << 30, 100_000));
    }
}
