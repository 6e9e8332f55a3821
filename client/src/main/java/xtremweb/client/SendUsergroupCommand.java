package xtremweb.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import xtremweb.common.wire.UsergroupView;

/** {@code xwsendusergroup <label>}: creates a user group (SUPER_USER). Prints its UID. */
@Command(footer = {"", "Examples:", "  xwsendusergroup physics      # then: xwsenduser ... RIGHTS physics"},
        name = "xwsendusergroup", aliases = {"--xwsendusergroup", "sendusergroup"}, description = "Creates a user group.")
final class SendUsergroupCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LABEL", description = "The group's unique label (letters, digits, '.', '_', '-').")
    String label;

    @Override
    public Integer call() {
        UsergroupView group = main.connect(globals).admin().createUsergroup(label);
        spec.commandLine().getOut().println(group.uid());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
