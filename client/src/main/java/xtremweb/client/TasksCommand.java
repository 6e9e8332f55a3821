package xtremweb.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.common.wire.TaskView;

/** {@code xwtasks}: the tasks (attempts of works on hosts) of the caller's works and hosts; all for a SUPER_USER. */
@Command(name = "xwtasks", aliases = {"--xwtasks", "tasks"}, description = "Lists tasks: which host ran or runs which work.")
final class TasksCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table table = new Table("UID", "WORK", "HOST", "STATUS", "STARTED", "LEASE_EXPIRES", "ENDED");
        for (TaskView task : main.connect(globals).listTasks()) {
            table.row(task.uid(), task.workUid(), task.hostUid(), task.status(), task.started(), task.leaseExpires(),
                    task.ended() == null ? "-" : task.ended());
        }
        table.print(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
