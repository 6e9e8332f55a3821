package xtremweb.worker.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import oshi.SystemInfo;
import xtremweb.common.platform.Platform;
import xtremweb.common.wire.HostInventory;
import xtremweb.common.wire.HostRegistration;

/** What the server needs to know about this machine to match works to it. */
final class HostFacts {
    private static final Logger LOG = LoggerFactory.getLogger(HostFacts.class);

    private HostFacts() {
    }

    /**
     * The registration of this machine: as host {@code previous} (null on the first registration),
     * with that host's token as the proof the server asks before it gives the same UID again.
     */
    static HostRegistration registration(String name, HostIdentity previous, HostInventory inventory) {
        HostRegistration fresh = new HostRegistration(previous == null ? null : previous.hostUid(), name, Platform.currentOs(),
                Platform.currentCpu(), Runtime.getRuntime().availableProcessors(), memoryBytes(), System.getProperty("java.version"),
                inventory);
        return previous == null ? fresh : fresh.withHostToken(previous.hostToken());
    }

    private static long memoryBytes() {
        try {
            return new SystemInfo().getHardware().getMemory().getTotal();
        } catch (RuntimeException | LinkageError e) {
            // OSHI reads /proc and native APIs; a locked-down machine may refuse. Report unknown, not crash.
            LOG.warn("cannot read the machine's memory size ({}); reporting 0", e.toString());
            return 0;
        }
    }

    /** The machine's name: what a host is called unless its configuration says otherwise. */
    static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown-host" : env;
        }
    }
}
