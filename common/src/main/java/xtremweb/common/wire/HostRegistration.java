package xtremweb.common.wire;

/**
 * {@code POST /api/v1/worker/register}, sent with the worker account's token. {@code hostUid} is the
 * UID the host had before (kept across restarts), or null on its first registration;
 * {@code hostToken} is the host token that registration gave, its proof of being that host: the
 * worker account is shared by many volunteers and host UIDs are listed to users, so a UID alone
 * proves nothing, and a registration without the current token is given a new UID.
 * {@code diskBytes} (free scratch space) and {@code cpuSpeedMhz} are optional: a host that does not
 * declare them gets no work asking for a minimum of either. {@code inventory} (optional) describes
 * the machine for host listings.
 */
public record HostRegistration(String hostUid, String name, String os, String cpu, int cpuCount,
                               long memoryBytes, String javaVersion, Long diskBytes, Integer cpuSpeedMhz,
                               HostInventory inventory, String hostToken) {
    /** Without the previous host token (first registrations, workers older than the proof). */
    public HostRegistration(String hostUid, String name, String os, String cpu, int cpuCount, long memoryBytes,
                            String javaVersion, Long diskBytes, Integer cpuSpeedMhz, HostInventory inventory) {
        this(hostUid, name, os, cpu, cpuCount, memoryBytes, javaVersion, diskBytes, cpuSpeedMhz, inventory, null);
    }

    /** Without an inventory (older workers, tests). */
    public HostRegistration(String hostUid, String name, String os, String cpu, int cpuCount, long memoryBytes,
                            String javaVersion, Long diskBytes, Integer cpuSpeedMhz) {
        this(hostUid, name, os, cpu, cpuCount, memoryBytes, javaVersion, diskBytes, cpuSpeedMhz, null, null);
    }

    /** With an inventory, disk and CPU speed taken from it. */
    public HostRegistration(String hostUid, String name, String os, String cpu, int cpuCount, long memoryBytes,
                            String javaVersion, HostInventory inventory) {
        this(hostUid, name, os, cpu, cpuCount, memoryBytes, javaVersion,
                inventory == null || inventory.diskFree() <= 0 ? null : inventory.diskFree(),
                inventory == null || inventory.cpuMhz() <= 0 ? null : (int) Math.min(Integer.MAX_VALUE, inventory.cpuMhz()),
                inventory, null);
    }

    public HostRegistration {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a host needs a name");
        }
        if (os == null || cpu == null) {
            throw new IllegalArgumentException("a host must say its OS and CPU");
        }
    }

    /** A host that declares neither its disk nor its CPU speed. */
    public HostRegistration(String hostUid, String name, String os, String cpu, int cpuCount, long memoryBytes,
                            String javaVersion) {
        this(hostUid, name, os, cpu, cpuCount, memoryBytes, javaVersion, null, null, null, null);
    }

    /** This registration proving, with {@code token}, that the caller is host {@code hostUid}. */
    public HostRegistration withHostToken(String token) {
        return new HostRegistration(hostUid, name, os, cpu, cpuCount, memoryBytes, javaVersion, diskBytes, cpuSpeedMhz,
                inventory, token);
    }

    /** The token is a credential: never in a log line. */
    @Override
    public String toString() {
        return "HostRegistration[hostUid=" + hostUid + ", name=" + name + ", " + os + "/" + cpu + ", cpuCount=" + cpuCount
                + ", hostToken=" + (hostToken == null ? "none" : "***") + "]";
    }
}
