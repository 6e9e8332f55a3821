package xtremweb.common.wire;

/**
 * What a worker tells about its machine, at registration and refreshed with heartbeats, so the
 * server's host listings show what the grid is made of. Nothing personal: no user names, no
 * addresses, no serial numbers. Sizes in bytes, 0 when unknown; strings may be null when unknown.
 *
 * @param osName          e.g. "Ubuntu", "Windows", "macOS"
 * @param osVersion       e.g. "24.04.1 LTS (Noble Numbat)", kernel or build included when known
 * @param cpuArch         the JVM's {@code os.arch}, e.g. "amd64", "aarch64"
 * @param cpuModel        e.g. "AMD EPYC 7B13"
 * @param cpuCores        logical processors
 * @param cpuMhz          advertised speed in MHz, 0 when unknown
 * @param memoryTotal     physical memory
 * @param memoryAvailable physical memory available now
 * @param diskFree        usable space in the directory where jobs run
 * @param javaVersion     the JVM running the worker
 */
public record HostInventory(String osName, String osVersion, String cpuArch, String cpuModel, int cpuCores, long cpuMhz,
                            long memoryTotal, long memoryAvailable, long diskFree, String javaVersion) {
}
