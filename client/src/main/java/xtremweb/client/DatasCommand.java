package xtremweb.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.format.Column;
import xtremweb.client.format.Listing;
import xtremweb.common.wire.DataView;

/** {@code xwdatas}: the data objects visible to the caller. OWNER is the owner's login (its UID when the server does not name it); the other formats give both. */
@Command(name = "xwdatas", aliases = {"--xwdatas", "--xwgetdatas", "datas"},
        description = "Lists the data you may read (yours, your group's, public ones).")
final class DatasCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new Listing<>("data", List.of(
                Column.<DataView>of("UID", DataView::uid),
                Column.<DataView>of("NAME", DataView::name),
                Column.<DataView>of("SIZE", DataView::size),
                Column.<DataView>of("SHA256", d -> d.sha256() == null ? null : d.sha256().substring(0, 12)),
                Column.<DataView>of("STATUS", DataView::status),
                Column.<DataView>of("RIGHTS", DataView::accessRights),
                Column.<DataView>of("OWNER", d -> d.ownerLogin() != null ? d.ownerLogin() : d.ownerUid()),
                Column.<DataView>of("CREATED", d -> d.created() == null ? null : d.created().truncatedTo(ChronoUnit.SECONDS)),
                Column.<DataView>of("URI", DataView::uri)),
                main.connect(globals).data().list()).print(spec.commandLine().getOut(), globals.format);
        return ExitCodes.OK;
    }
}
