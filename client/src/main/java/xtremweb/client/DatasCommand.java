package xtremweb.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.common.wire.DataView;

/** {@code xwdatas}: the data the caller may read (its own, its group's, public ones). */
@Command(name = "xwdatas", aliases = {"--xwdatas", "--xwgetdatas", "datas"}, description = "Lists the data you may read.")
final class DatasCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table table = new Table("UID", "NAME", "STATUS", "SIZE", "RIGHTS", "OWNER");
        for (DataView data : main.connect(globals).listDatas()) {
            table.row(data.uid(), data.name(), data.status(), data.size(), data.accessRights(), data.ownerUid());
        }
        table.print(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
