package xtremweb.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code xwgroups}: the groups of works the caller may read. */
@Command(name = "xwgroups", aliases = {"--xwgroups", "--xwgetgroups", "groups"},
        description = "Lists the groups of works you may see; list a group's works with xwworks --xwgroup UID.")
final class GroupsCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GroupingListing.print("group", main.connect(globals).groups().list(), spec.commandLine().getOut(), globals.format);
        return ExitCodes.OK;
    }
}
