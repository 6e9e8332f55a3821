package xtremweb.worker.activator;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Total CPU use from the kernel's tick counters minus what the worker's own jobs used (their
 * user + system time), so a busy job never makes the worker think its owner is busy.
 */
final class OshiCpuSampler implements CpuSampler {
    private final CentralProcessor cpu;
    private final OperatingSystem os;
    private final Supplier<Set<Long>> jobPids;
    private final int cpuCount;
    private long[] previousTicks;
    private long previousNanos;
    private Map<Long, Long> previousJobTimes = Map.of();

    OshiCpuSampler(Supplier<Set<Long>> jobPids) {
        SystemInfo info = new SystemInfo();
        this.cpu = info.getHardware().getProcessor();
        this.os = info.getOperatingSystem();
        this.jobPids = jobPids;
        this.cpuCount = Math.max(1, cpu.getLogicalProcessorCount());
        this.previousTicks = cpu.getSystemCpuLoadTicks();
        this.previousNanos = System.nanoTime();
    }

    @Override
    public synchronized double ownerLoadPercent() {
        long[] ticks = cpu.getSystemCpuLoadTicks();
        long nanos = System.nanoTime();
        double total = busyFraction(previousTicks, ticks);
        Map<Long, Long> jobTimes = new HashMap<>();
        long jobMillis = 0;
        for (long pid : jobPids.get()) {
            OSProcess process = os.getProcess((int) pid);
            if (process == null) {
                continue;
            }
            long time = process.getKernelTime() + process.getUserTime();
            jobTimes.put(pid, time);
            Long before = previousJobTimes.get(pid);
            // a job started since the last sample: count what it used since then, not since its start
            jobMillis += before == null ? 0 : Math.max(0, time - before);
        }
        double wallMillis = Math.max(1, (nanos - previousNanos) / 1_000_000.0);
        double jobs = jobMillis / (wallMillis * cpuCount);
        previousTicks = ticks;
        previousNanos = nanos;
        previousJobTimes = jobTimes;
        return Math.max(0, Math.min(100, 100 * (total - jobs)));
    }

    private static double busyFraction(long[] before, long[] after) {
        long idle = delta(before, after, CentralProcessor.TickType.IDLE) + delta(before, after, CentralProcessor.TickType.IOWAIT);
        long all = 0;
        for (CentralProcessor.TickType type : CentralProcessor.TickType.values()) {
            all += delta(before, after, type);
        }
        return all <= 0 ? 0 : (double) (all - idle) / all;
    }

    private static long delta(long[] before, long[] after, CentralProcessor.TickType type) {
        return Math.max(0, after[type.getIndex()] - before[type.getIndex()]);
    }
}
