package xtremweb.client;

import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.common.wire.AppView;

/** {@code xwapps}: the installed apps and the platforms they have a binary for. */
@Command(name = "xwapps", aliases = {"--xwapps", "--xwgetapps", "apps"}, description = "Lists the installed apps.")
final class AppsCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table table = new Table("UID", "NAME", "BINARIES", "RIGHTS");
        for (AppView app : main.connect(globals).listApps()) {
            String binaries = app.binaries().stream().map(b -> b.os() + "/" + b.cpu()).collect(Collectors.joining(","));
            table.row(app.uid(), app.name(), binaries.isEmpty() ? "-" : binaries, app.accessRights());
        }
        table.print(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
