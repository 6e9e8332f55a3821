package xtremweb.server.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.wire.Replication;
import xtremweb.server.refusal.Unprocessable;

/** The built-in comparators, one loaded from the classpath, and the replication policy's rules. */
class ComparatorsTest {
    @TempDir
    Path temp;

    private Path file(String name, byte[] content) throws Exception {
        return Files.write(temp.resolve(name), content);
    }

    @Test
    void byteEqualIgnoresZipTimestampsCommentsAndEntryOrder() throws Exception {
        Path a = file("a.zip", ResultZips.zip(1_000_000L, "stdout", "42\n", "out/data.bin", "xyz"));
        Path b = file("b.zip", ResultZips.zip(2_000_000_000L, "out/data.bin", "xyz", "stdout", "42\n"));
        assertThat(Files.mismatch(a, b)).isNotEqualTo(-1L);
        assertThat(Comparators.named("byte-equal").agree(a, b)).isTrue();
        assertThat(Comparators.named(null).agree(b, a)).isTrue();
    }

    @Test
    void byteEqualRefusesOtherContentOrOtherFiles() throws Exception {
        Path a = file("a.zip", ResultZips.zip(1L, "stdout", "42\n"));
        Path forged = file("f.zip", ResultZips.zip(1L, "stdout", "43\n"));
        Path extra = file("e.zip", ResultZips.zip(1L, "stdout", "42\n", "more", ""));
        Path notAZip = file("plain", "42\n".getBytes());
        ResultComparator bytes = new ByteEqualComparator();
        assertThat(bytes.agree(a, forged)).isFalse();
        assertThat(bytes.agree(a, extra)).isFalse();
        assertThat(bytes.agree(a, notAZip)).isFalse();
        assertThat(bytes.agree(notAZip, file("plain2", "42\n".getBytes()))).isTrue();
    }

    @Test
    void numericToleranceAcceptsRoundingAndRefusesRealDifferences() throws Exception {
        NumericToleranceComparator numeric = new NumericToleranceComparator();
        assertThat(numeric.sameToken("1.0000001", "1.0000002")).isTrue();
        assertThat(numeric.sameToken("1.0", "1.1")).isFalse();
        assertThat(numeric.sameToken("NaN", "1")).isFalse();
        assertThat(numeric.sameToken("1e-300", "0")).isTrue();
        Path a = file("a.zip", ResultZips.zip(1L, "stdout", "energy = 1.0000001, step 3\nx -2.5e-3\n"));
        Path b = file("b.zip", ResultZips.zip(9L, "stdout", "energy =  1.0000002 , step 3\nx -0.0025\n"));
        Path c = file("c.zip", ResultZips.zip(1L, "stdout", "energy = 1.1, step 3\nx -2.5e-3\n"));
        Path d = file("d.zip", ResultZips.zip(1L, "stdout", "energy = 1.0000001, step 4\nx -2.5e-3\n"));
        assertThat(Comparators.named("numeric").agree(a, b)).isTrue();
        assertThat(numeric.agree(a, c)).isFalse();
        assertThat(numeric.agree(a, d)).isFalse();
        assertThat(new NumericToleranceComparator(0.2, 0).agree(a, c)).isTrue();
    }

    @Test
    void aDeploymentsComparatorIsLoadedFromTheClasspath() throws Exception {
        ResultComparator custom = Comparators.named("line-count");
        assertThat(custom).isInstanceOf(LineCountComparator.class);
        assertThat(custom.agree(file("x", "a\nb\n".getBytes()), file("y", "c\nd\n".getBytes()))).isTrue();
        assertThat(ReplicationPolicy.forApp(new Replication(2, null, null, null, "line-count")).comparator())
                .isEqualTo("line-count");
        assertThatThrownBy(() -> ReplicationPolicy.forApp(new Replication(2, null, null, null, "nope")))
                .isInstanceOf(Unprocessable.class).hasMessageContaining("no result comparator named 'nope'");
    }

    @Test
    void quorumOneIsTodaysSingleResultAndAWorkMayOnlyRaiseItsAppsPolicy() {
        assertThat(ReplicationPolicy.forApp(null).replicated()).isFalse();
        assertThat(ReplicationPolicy.forApp(new Replication(1, null, null, null, null))).isEqualTo(ReplicationPolicy.SINGLE);
        ReplicationPolicy app = ReplicationPolicy.forApp(new Replication(2, null, null, null, null));
        assertThat(app).isEqualTo(new ReplicationPolicy(2, 2, 4, 2, null));
        assertThat(app.raisedBy(new Replication(3, 3, null, null, null))).isEqualTo(new ReplicationPolicy(3, 3, 4, 2, null));
        assertThatThrownBy(() -> app.raisedBy(new Replication(1, null, null, null, null)))
                .isInstanceOf(Unprocessable.class).hasMessageContaining("never lower");
        assertThatThrownBy(() -> new Replication(0, null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplicationPolicy.forApp(new Replication(3, 2, null, null, null)))
                .isInstanceOf(Unprocessable.class).hasMessageContaining("at least the quorum");
    }
}
