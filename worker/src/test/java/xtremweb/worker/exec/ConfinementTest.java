package xtremweb.worker.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConfinementTest {
    @Test
    void theWorkerSaysAtStartWhetherJobsAreSandboxedAndIfNotWhy() {
        Path bin = Path.of("/usr/bin/bwrap");
        assertThat(Confinement.choose(true, bin, false, 0, 0, List.of()).startupNotice(true))
                .startsWith("jobs run in the bubblewrap sandbox /usr/bin/bwrap").contains("no network");
        assertThat(Confinement.choose(true, null, false, 0, 0, List.of()).startupNotice(true))
                .contains("bubblewrap (bwrap) is not installed: jobs run UNSANDBOXED").contains("apt-get install bubblewrap");
        Confinement off = Confinement.choose(false, bin, false, 512L << 20, 0, List.of());
        assertThat(off.sandboxed()).isFalse();
        assertThat(off.startupNotice(false)).contains("sandbox.enable is false: jobs run UNSANDBOXED")
                .contains("memory limit 512 MiB");
    }

    @Test
    void withoutSandboxOrLimitsTheCommandIsUnchangedButForItsOwnProcessGroup() {
        List<String> command = List.of("/x/bin/app", "a b");
        List<String> line = Confinement.none().wrap(command, Path.of("/x/scratch"), Path.of("/x/bin/app"));
        if (Confinement.none().ownProcessGroup()) {
            assertThat(line).hasSize(3).endsWith("/x/bin/app", "a b");
            assertThat(line.get(0)).endsWith("/setsid");
        } else {
            assertThat(line).isEqualTo(command);
        }
        assertThat(new Confinement(Path.of("/usr/bin/bwrap"), false, 0, 0, List.of()).ownProcessGroup()).isFalse();
    }

    @Test
    void aHiddenFileUnderASystemDirectoryIsMaskedAndOneElsewhereNeedsNothing() {
        Confinement sandbox = new Confinement(Path.of("/usr/bin/bwrap"), false, 0, 0,
                List.of(Path.of("/etc/passwd"), Path.of("/nonexistent-worker-home/worker.password")));
        List<String> line = sandbox.wrap(List.of("/x/bin/app"), Path.of("/x/scratch"), Path.of("/x/bin/app"));
        assertThat(String.join(" ", line)).contains("--ro-bind /dev/null /etc/passwd").doesNotContain("nonexistent-worker-home");
    }

    @Test
    void limitsComeFirstThenTheSandboxThenTheJob() {
        Confinement both = new Confinement(Path.of("/usr/bin/bwrap"), false, 64L << 20, 1L << 20, List.of());
        List<String> line = both.wrap(List.of("/x/bin/app", "a b"), Path.of("/x/scratch"), Path.of("/x/bin/app"));
        assertThat(line.subList(0, 4)).containsExactly("prlimit", "--as=" + (64L << 20), "--fsize=" + (1L << 20), "--");
        assertThat(line).contains("/usr/bin/bwrap", "--unshare-all", "--die-with-parent").doesNotContain("--share-net");
        assertThat(line.subList(line.size() - 3, line.size())).containsExactly("--", "/x/bin/app", "a b");
    }
}
