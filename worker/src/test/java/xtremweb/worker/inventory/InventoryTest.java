package xtremweb.worker.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.json.Json;
import xtremweb.common.wire.HostInventory;

class InventoryTest {
    @TempDir
    Path workDir;

    @Test
    void describesThisMachinesOsCpuMemoryDiskAndJava() {
        HostInventory inventory = new Inventory(workDir).collect();

        assertThat(inventory.osName()).isNotBlank();
        assertThat(inventory.osVersion()).isNotBlank();
        assertThat(inventory.cpuArch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(inventory.cpuModel()).isNotBlank();
        assertThat(inventory.cpuCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(inventory.memoryTotal()).isPositive();
        assertThat(inventory.memoryAvailable()).isPositive().isLessThanOrEqualTo(inventory.memoryTotal());
        // the space usable where the worker works; other processes write meanwhile, so within 1 GiB
        assertThat(inventory.diskFree()).isCloseTo(workDir.toFile().getUsableSpace(), org.assertj.core.data.Offset.offset(1L << 30));
        assertThat(inventory.javaVersion()).isEqualTo(System.getProperty("java.version"));
    }

    @Test
    void aDescriptionWithControlCharactersIsSentWithSpacesTheServerTakes() {
        assertThat(Inventory.printable("Ubuntu\n\u001b[31m24.04\u0000\ud800")).isEqualTo("Ubuntu  [31m24.04  ");
        assertThat(Inventory.printable("AMD EPYC \uD83D\uDE00")).isEqualTo("AMD EPYC \uD83D\uDE00");
        assertThat(Inventory.printable(null)).isNull();
    }

    @Test
    void saysNothingPersonal() throws Exception {
        String sent = Json.mapper().writeValueAsString(new Inventory(workDir).collect());

        assertThat(sent).doesNotContain(System.getProperty("user.name"))
                .doesNotContain(InetAddress.getLocalHost().getHostName())
                .doesNotContain(System.getProperty("user.home"));
    }
}
