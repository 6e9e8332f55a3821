package xtremweb.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code xwsendgroup <name>}: creates a group of works (private to its owner) and prints its UID for {@code xwsendwork --xwgroup}. */
@Command(footer = {"", "Examples:", "  xwsendgroup energies         # prints its UID: --xwgroup UID"},
        name = "xwsendgroup", aliases = {"--xwsendgroup", "sendgroup"},
        description = "Creates a group to insert works into (xwsendwork --xwgroup) and prints its UID.")
final class SendGroupCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "A name of your choice (1 to 100 characters).")
    String name;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(main.connect(globals).groups().create(name).uid());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
