package xtremweb.worker.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OperatingSystem;
import xtremweb.common.wire.HostInventory;

/**
 * Reads the machine's description with OSHI. Deliberately impersonal: no user, host or network
 * names, no serial numbers or identifiers; only what helps to understand the grid's capacity.
 * Every part that cannot be read is reported unknown rather than failing the registration.
 */
public final class Inventory {
    private static final Logger LOG = LoggerFactory.getLogger(Inventory.class);
    private final Path workDir;
    private SystemInfo system;

    /** @param workDir where jobs run: its free space is what matters for jobs */
    public Inventory(Path workDir) {
        this.workDir = workDir;
    }

    public synchronized HostInventory collect() {
        String osName = null;
        String osVersion = null;
        String cpuModel = null;
        int cores = Runtime.getRuntime().availableProcessors();
        long mhz = 0;
        long total = 0;
        long available = 0;
        try {
            if (system == null) {
                system = new SystemInfo();
            }
            OperatingSystem os = system.getOperatingSystem();
            osName = os.getFamily();
            osVersion = String.valueOf(os.getVersionInfo());
            CentralProcessor cpu = system.getHardware().getProcessor();
            cpuModel = cpu.getProcessorIdentifier().getName().trim();
            cores = cpu.getLogicalProcessorCount();
            long hz = cpu.getProcessorIdentifier().getVendorFreq();
            mhz = hz > 0 ? hz / 1_000_000 : Math.max(0, cpu.getMaxFreq() / 1_000_000);
            GlobalMemory memory = system.getHardware().getMemory();
            total = memory.getTotal();
            available = memory.getAvailable();
        } catch (RuntimeException | LinkageError e) {
            // OSHI reads /proc and native APIs; a locked-down machine may refuse some of them
            LOG.warn("cannot read all of the machine's description ({}); reporting what is known", e.toString());
        }
        return new HostInventory(printable(osName), printable(osVersion), printable(System.getProperty("os.arch")),
                printable(cpuModel), cores, mhz, total, available, freeDisk(), printable(System.getProperty("java.version")));
    }

    /** The server refuses control characters in a machine's description (and the heartbeat with them): spaces instead. */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE ? ' ' : c));
        return out.toString();
    }

    private long freeDisk() {
        try {
            return Files.getFileStore(Files.isDirectory(workDir) ? workDir : workDir.toAbsolutePath().getRoot()).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }
}
