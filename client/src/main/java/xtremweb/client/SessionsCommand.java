package xtremweb.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code xwsessions}: the sessions the caller may read. */
@Command(name = "xwsessions", aliases = {"--xwsessions", "--xwgetsessions", "sessions"},
        description = "Lists the sessions you may see; list a session's works with xwworks --xwsession UID.")
final class SessionsCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GroupingListing.print("session", main.connect(globals).sessions().list(), spec.commandLine().getOut(), globals.format);
        return ExitCodes.OK;
    }
}
