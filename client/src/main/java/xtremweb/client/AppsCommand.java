package xtremweb.client;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.format.Column;
import xtremweb.client.format.Listing;
import xtremweb.common.wire.AppView;

/**
 * {@code xwapps}: the installed apps and the platforms they have a binary for.
 * OWNER is the owner's login (its UID when the server does not name it); the other formats give both.
 */
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
        new Listing<>("app", List.of(
                Column.<AppView>of("UID", AppView::uid),
                Column.<AppView>of("NAME", AppView::name),
                Column.<AppView>of("OWNER", a -> a.ownerLogin() != null ? a.ownerLogin() : a.ownerUid()),
                Column.<AppView>of("BINARIES", a -> a.binaries().isEmpty() ? null
                        : a.binaries().stream().map(b -> b.os() + "/" + b.cpu()).collect(Collectors.joining(","))),
                Column.<AppView>of("RIGHTS", AppView::accessRights),
                Column.<AppView>of("QUORUM", a -> a.replication() == null ? null : a.replication().quorum())),
                main.connect(globals).apps().list()).print(spec.commandLine().getOut(), globals.format);
        return ExitCodes.OK;
    }
}
