package xtremweb.client;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.XwClient;

/**
 * {@code xwrm UID...}: deletes works, data, apps, sessions, groups, users or user groups, whatever the UID
 * names
 * (they stay in the server's history, marked deleted).
 */
@Command(footer = {"", "Examples:", "  xwrm WORK_UID DATA_UID       # a work and a data", "  xwrm SESSION_UID             # a session and every work in it", "  xwrm myapp                   # an app, by its name"},
        name = "xwrm", aliases = {"--xwrm", "--xwremove", "rm"},
        description = "Deletes works, data, apps, sessions and groups (with their works), users or user groups.")
final class RmCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "UID", arity = "1..*", description = "UIDs (or xw:// URIs) of the objects to delete; an app may also be named by its name.")
    List<String> uids;

    @Override
    public Integer call() {
        XwClient client = main.connect(globals);
        return EachTarget.run(spec.commandLine(), globals.verbose, uids, uid -> uid + " " + client.anyKind().remove(uid));
    }
}
