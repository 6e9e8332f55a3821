package xtremweb.worker.activator;

/** Decides whether the worker may ask for work now, so the machine's owner is not disturbed. */
public interface Activator {
    boolean mayCompute();
}
