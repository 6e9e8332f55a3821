package xtremweb.client;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.XwClient;
import xtremweb.common.wire.UserView;

/** {@code xwping}: checks the configuration end to end (server reachable, certificate, login). */
@Command(name = "xwping", aliases = {"--xwping", "ping"},
        description = "Logs in and shows the server, your login and your rights.")
final class PingCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        XwClient client = main.connect(globals);
        UserView me = client.me();
        PrintWriter out = spec.commandLine().getOut();
        out.println("server: " + client.server());
        out.println("login:  " + me.login());
        out.println("rights: " + me.rights());
        out.flush();
        return ExitCodes.OK;
    }
}
