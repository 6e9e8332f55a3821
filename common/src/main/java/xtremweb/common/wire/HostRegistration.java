package xtremweb.common.wire;

/**
 * {@code POST /api/v1/worker/register}, sent with the worker account's token. {@code hostUid} is the
 * UID the host had before (kept across restarts), or null on its first registration. {@code inventory}
 * (optional) describes the machine for host listings.
 */
public record HostRegistration(String hostUid, String name, String os, String cpu, int cpuCount,
                               long memoryBytes, String javaVersion, HostInventory inventory) {
    /** Without an inventory (older workers, tests). */
    public HostRegistration(String hostUid, String name, String os, String cpu, int cpuCount, long memoryBytes,
                            String javaVersion) {
        this(hostUid, name, os, cpu, cpuCount, memoryBytes, javaVersion, null);
    }

    public HostRegistration {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a host needs a name");
        }
        if (os == null || cpu == null) {
            throw new IllegalArgumentException("a host must say its OS and CPU");
        }
    }
}
