package xtremweb.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.common.wire.UserView;

/** {@code xwusers}: the users the caller may see (all of them for a SUPER_USER, else itself). */
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
        Table table = new Table("UID", "LOGIN", "RIGHTS", "USERGROUP", "EMAIL");
        for (UserView user : main.connect(globals).listUsers()) {
            table.row(user.uid(), user.login(), user.rights(), user.usergroupUid(), user.email());
        }
        table.print(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
