package xtremweb.worker.activator;

/** The owner's share of the machine's CPU since the previous sample, in percent of all CPUs. */
interface CpuSampler {
    double ownerLoadPercent();
}
