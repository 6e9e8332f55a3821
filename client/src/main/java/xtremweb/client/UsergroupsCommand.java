package xtremweb.client;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.format.Column;
import xtremweb.client.format.Listing;
import xtremweb.common.wire.UsergroupView;

/**
 * {@code xwusergroups}: the user groups the caller may see (all for a SUPER_USER, else its own).
 * OWNER is the owner's login (its UID when the server does not name it); the other formats give both.
 */
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
        new Listing<>("usergroup", List.of(
                Column.<UsergroupView>of("UID", UsergroupView::uid),
                Column.<UsergroupView>of("LABEL", UsergroupView::label),
                Column.<UsergroupView>of("OWNER", g -> g.ownerLogin() != null ? g.ownerLogin() : g.ownerUid())),
                main.connect(globals).admin().usergroups()).print(spec.commandLine().getOut(), globals.format);
        return ExitCodes.OK;
    }
}
