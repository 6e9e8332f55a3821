package xtremweb.worker.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The production sampler on the real machine: a hog of every core shows as the owner's use. */
@EnabledOnOs(OS.LINUX)
class OshiCpuSamplerTest {
    @Test
    void aHogOfEveryCoreIsSeenAsTheOwnersCpuUse() throws Exception {
        OshiCpuSampler sampler = new OshiCpuSampler(Set::of);
        List<Process> hogs = new ArrayList<>();
        try {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                hogs.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
            sampler.ownerLoadPercent();
            // whatever else the machine runs only adds to it
            await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(20))
                    .until(sampler::ownerLoadPercent, load -> load >= 70);
        } finally {
            hogs.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void theLoadIsAPercentage() {
        OshiCpuSampler sampler = new OshiCpuSampler(Set::of);
        assertThat(sampler.ownerLoadPercent()).isBetween(0.0, 100.0);
    }
}
