package xtremweb.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.format.Column;
import xtremweb.client.format.Listing;
import xtremweb.common.wire.HostView;

/**
 * {@code xwworkers}: the worker hosts the caller manages (its own, all for a SUPER_USER). The text
 * table shows host names (with the start of the UID when several hosts share one) and owners'
 * logins; the other formats give every field.
 */
@Command(name = "xwworkers", aliases = {"--xwworkers", "--xwhosts", "--xwgetworkers", "--xwgethosts", "workers", "hosts"}, description = {"Lists worker hosts.",
                "ACTIVE: its worker runs and called the server lately (LAST_ALIVE). An active host may still compute"
                        + " nothing: its owner's activation policy decides when, and the worker's log says why.",
                "ENABLED: the administrator's switch (xwactivate), or benched for a while after failing jobs."})
final class WorkersCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<HostView> hosts = main.connect(globals).hosts().list();
        java.time.Instant now = java.time.Instant.now();
        HostNames names = new HostNames(hosts.stream().map(h -> Map.entry(h.uid(), h.name())).toList());
        new Listing<>("host", List.of(
                Column.<HostView>of("UID", HostView::uid),
                Column.<HostView>of("NAME", h -> names.show(h.uid(), h.name())),
                Column.<HostView>of("OWNER", h -> h.ownerLogin() != null ? h.ownerLogin() : h.ownerUid()),
                Column.<HostView>of("PLATFORM", h -> h.os() + "/" + h.cpu()),
                Column.<HostView>of("CPUS", HostView::cpuCount),
                // A pilot says which cluster's batch job it is: "pilot c1 1234_7".
                Column.<HostView>of("KIND", h -> h.pilotCluster() == null ? "worker"
                        : "pilot " + h.pilotCluster() + " " + h.pilotJobId()),
                Column.<HostView>of("ACTIVE", h -> h.active() ? "yes" : "no"),
                // A host whose jobs kept failing sits out a while: the server gives it no work, so "on" would mislead.
                Column.<HostView>of("ENABLED", h -> !h.enabled() ? "off" : benched(h, now)
                        ? "benched until " + h.benchedUntil().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : "on"),
                Column.<HostView>of("LAST_ALIVE", HostView::lastAlive),
                // CPU seconds of certified results (result certification), whole seconds.
                Column.<HostView>of("CREDIT", h -> h.credit() == null ? null : Math.round(h.credit()))),
                hosts).print(spec.commandLine().getOut(), globals.format);
        return ExitCodes.OK;
    }

    private static boolean benched(HostView host, java.time.Instant now) {
        return host.benchedUntil() != null && host.benchedUntil().isAfter(now);
    }
}
