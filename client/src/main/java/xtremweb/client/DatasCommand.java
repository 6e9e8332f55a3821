package xtremweb.client;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.common.wire.DataView;

/** {@code xwdatas}: the data objects visible to the caller. */
@Command(name = "xwdatas", aliases = {"--xwdatas", "--xwgetdatas", "datas"},
        description = "Lists the data objects you can read: UID, name, size, SHA-256 prefix, status, URI.")
final class DatasCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table table = new Table("UID", "NAME", "SIZE", "SHA256", "STATUS", "CREATED", "URI");
        for (DataView d : main.connect(globals).listDatas()) {
            table.row(d.uid(), d.name(), d.size(), d.sha256() == null ? null : d.sha256().substring(0, 12), d.status(),
                    d.created() == null ? null : d.created().truncatedTo(ChronoUnit.SECONDS), d.uri());
        }
        PrintWriter out = spec.commandLine().getOut();
        table.print(out);
        return ExitCodes.OK;
    }
}
