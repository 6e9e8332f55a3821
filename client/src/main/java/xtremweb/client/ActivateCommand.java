package xtremweb.client;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import xtremweb.client.api.XwClient;
import xtremweb.common.wire.HostView;

/** {@code xwactivate on|off <host>...}: lets hosts get work, or stops giving them any (administrators). */
@Command(footer = {"", "Examples:", "  xwactivate off lab-12        # lab-12 gets no new work", "  xwactivate on HOST_UID       # a host by its UID (see xwworkers)"},
        name = "xwactivate", aliases = {"--xwactivate", "activate"}, description = "Switches worker hosts on or off.")
final class ActivateCommand implements Callable<Integer> {
    enum Switch { on, off }

    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "on|off", description = "on: the host gets work; off: it gets none.")
    Switch state;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "HOST", description = "Host UIDs or names (see xwworkers).")
    List<String> hosts;

    @Override
    public Integer call() {
        XwClient client = main.connect(globals);
        return EachTarget.run(spec.commandLine(), globals.verbose, hosts, host -> {
            HostView view = client.hosts().activate(host, state == Switch.on);
            return view.uid() + " " + view.name() + " " + (view.enabled() ? "on" : "off");
        });
    }
}
