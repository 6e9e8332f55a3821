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
import xtremweb.common.wire.UserView;

/**
 * {@code xwusers}: the users the caller may see (all of them for a SUPER_USER, else itself). USERGROUP is the
 * group's label (its UID when the server does not name it); the other formats give both.
 */
@Command(name = "xwusers", aliases = {"--xwusers", "--xwgetusers", "users"}, description = "Lists users.")
final class UsersCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new Listing<>("user", List.of(
                Column.<UserView>of("UID", UserView::uid),
                Column.<UserView>of("LOGIN", UserView::login),
                Column.<UserView>of("RIGHTS", UserView::rights),
                Column.<UserView>of("USERGROUP", u -> u.usergroupLabel() != null ? u.usergroupLabel() : u.usergroupUid()),
                Column.<UserView>of("EMAIL", UserView::email),
                Column.<UserView>of("DN", UserView::dn),
                // CPU seconds of the certified results of the user's hosts; a volunteer sees their own.
                Column.<UserView>of("CREDIT", u -> u.credit() == null ? null : Math.round(u.credit()))),
                main.connect(globals).admin().users()).print(spec.commandLine().getOut(), globals.format);
        return ExitCodes.OK;
    }
}
