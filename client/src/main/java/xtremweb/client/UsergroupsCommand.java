package xtremweb.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.common.wire.UsergroupView;

/** {@code xwusergroups}: the user groups the caller may see (all for a SUPER_USER, else its own). */
@Command(name = "xwusergroups", aliases = {"--xwusergroups", "--xwgetusergroups", "usergroups"},
        description = "Lists user groups.")
final class UsergroupsCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table table = new Table("UID", "LABEL", "OWNER");
        for (UsergroupView group : main.connect(globals).listUsergroups()) {
            table.row(group.uid(), group.label(), group.ownerUid());
        }
        table.print(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
