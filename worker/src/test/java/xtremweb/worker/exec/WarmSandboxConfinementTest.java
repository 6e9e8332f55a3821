package xtremweb.worker.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every confinement test of {@link SandboxTest}, with the job run by the supervisor of a kept
 * sandbox ({@link WarmSandbox}) instead of a sandbox of its own: a job must not be able to do more
 * (or less) there.
 */
class WarmSandboxConfinementTest extends SandboxTest {
    @Override
    @BeforeEach
    void setUp() throws IOException {
        super.setUp();
        // a kept sandbox opens the stdin itself: the worker puts it beside the binary
        stdin = Files.createFile(Files.createDirectories(temp.resolve("private/bin")).resolve("stdin"));
    }

    @Override
    JobExit start(JobSpec spec, Confinement confinement) throws IOException, InterruptedException {
        if (!confinement.sandboxed()) {
            return super.start(spec, confinement);
        }
        Path dir = Files.createTempDirectory(temp, "warm");
        try (WarmSandbox sandbox = WarmSandbox.start(confinement, dir, scratch, spec.binary().getParent())) {
            org.assertj.core.api.Assertions.assertThat(sandbox.accepts(spec)).isTrue();
            return sandbox.run(spec, p -> { });
        }
    }
}
