package xtremweb.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code xwsendsession <name>}: creates a session (private to its owner) and prints its UID for {@code xwsendwork --xwsession}. */
@Command(footer = {"", "Examples:", "  xwsendsession run-1          # prints its UID: --xwsession UID"},
        name = "xwsendsession", aliases = {"--xwsendsession", "sendsession"},
        description = "Creates a session to insert works into (xwsendwork --xwsession) and prints its UID.")
final class SendSessionCommand implements Callable<Integer> {
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
        spec.commandLine().getOut().println(main.connect(globals).sessions().create(name).uid());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
