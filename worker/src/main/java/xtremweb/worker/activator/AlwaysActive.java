package xtremweb.worker.activator;

/** The manual's default policy: the worker may always compute. */
public final class AlwaysActive implements Activator {
    @Override
    public boolean mayCompute() {
        return true;
    }

    @Override
    public String reason() {
        return "always allowed";
    }

    @Override
    public String toString() {
        return "AlwaysActive";
    }
}
