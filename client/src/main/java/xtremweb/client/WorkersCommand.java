package xtremweb.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.common.wire.HostView;

/** {@code xwworkers}: the worker hosts the caller manages (its own, all for a SUPER_USER). */
@Command(name = "xwworkers", aliases = {"--xwworkers", "--xwhosts", "workers", "hosts"}, description = "Lists worker hosts.")
final class WorkersCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table table = new Table("UID", "NAME", "OWNER", "PLATFORM", "CPUS", "ACTIVE", "ENABLED", "LAST_ALIVE");
        for (HostView host : main.connect(globals).listHosts()) {
            table.row(host.uid(), host.name(), host.ownerUid(), host.os() + "/" + host.cpu(), host.cpuCount(),
                    host.active() ? "yes" : "no", host.enabled() ? "on" : "off", host.lastAlive());
        }
        table.print(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
