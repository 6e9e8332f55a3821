package xtremweb.worker.activator;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several policies at once ({@code activator.class: DateActivator,CpuActivator}): the worker
 * computes only when every one allows it. Every policy is asked each time, so those that sample
 * (CPU) keep sampling while another one says no.
 */
final class AllOf implements Activator {
    private final List<Activator> policies;
    private String reason = "";

    AllOf(List<Activator> policies) {
        this.policies = List.copyOf(policies);
    }

    @Override
    public synchronized boolean mayCompute() {
        List<String> refusals = new java.util.ArrayList<>();
        List<String> all = new java.util.ArrayList<>();
        for (Activator policy : policies) {
            boolean may = policy.mayCompute();
            all.add(policy.reason());
            if (!may) {
                refusals.add(policy.reason());
            }
        }
        reason = String.join("; ", refusals.isEmpty() ? all : refusals);
        return refusals.isEmpty();
    }

    @Override
    public synchronized String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return policies.stream().map(Object::toString).collect(Collectors.joining(" AND "));
    }
}
