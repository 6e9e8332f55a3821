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

/**
 * {@code xwchmod <rights> <UID|URI>...}: changes the access rights of works, data, sessions and
 * groups (owner or SUPER_USER).
 */
@Command(name = "xwchmod", aliases = {"--xwchmod", "chmod"},
        description = "Changes access rights of works, data, sessions and groups.")
final class ChmodCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RIGHTS", description = "Like 0x750, 750, 0750 or a symbolic mode like go-rx, u+rwx, a=rx.")
    String rights;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "UID",
            description = "UIDs (or xw:// URIs) of works, data, sessions or groups.")
    List<String> uids;

    @Override
    public Integer call() {
        XwClient client = main.connect(globals);
        return EachTarget.run(spec.commandLine(), globals.verbose, uids, uid -> uid + " " + client.anyKind().chmod(uid, rights));
    }
}
