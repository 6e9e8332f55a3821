package xtremweb.client;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.XwClient;
import xtremweb.client.format.Column;
import xtremweb.client.format.Listing;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.wire.TaskView;

/**
 * {@code xwtasks}: the tasks (attempts of works on hosts) of the caller's works and hosts; all for a
 * SUPER_USER. The text table names the host and the work's owner; the other formats give every field.
 * A copy of a replicated work is listed under that work with its verdict (VALID, INVALID...). Work UIDs
 * given (the manual's {@code --xwgettasks [jobUID...]}) keep the tasks of those works only.
 */
@Command(footer = {"", "Examples:", "  xwtasks                      # every attempt of your works", "  xwtasks WORK_UID             # the attempts of one work"},
        name = "xwtasks", aliases = {"--xwtasks", "--xwgettasks", "tasks"}, description = "Lists tasks: which host ran or runs which work.")
final class TasksCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    // The manual's --xwgettasks [jobUID...]: the tasks of these works only.
    @Parameters(paramLabel = "WORK_UID", arity = "0..*", description = "Only the tasks of these works (default: all of them).")
    List<String> workUids = List.of();

    @Override
    public Integer call() {
        Set<String> only = workUids.stream().map(u -> u.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        XwClient client = main.connect(globals);
        List<TaskView> tasks = client.hosts().tasks().stream()
                .filter(t -> only.isEmpty() || only.contains(t.workUid())).toList();
        // A work with no task may simply not have started; one that is not there (a mistyped UID,
        // another user's private work) is said so, as xwworks says it, not shown as an empty table.
        Set<String> listed = tasks.stream().map(TaskView::workUid).collect(Collectors.toSet());
        // Each on its own, as xwworks does: one that is not there is named, the tasks of the others still listed.
        int exit = ExitCodes.OK;
        for (String uid : workUids.stream().filter(u -> !listed.contains(u.toLowerCase(Locale.ROOT))).distinct().toList()) {
            try {
                client.works().get(uid);
            } catch (xtremweb.common.http.XwConnectException e) {
                throw e;
            } catch (RuntimeException e) {
                ClientMain.printError(spec.commandLine(), e, globals.verbose);
                exit = exit == ExitCodes.OK ? ExitCodes.of(e) : exit;
            }
        }
        if (tasks.isEmpty() && exit != ExitCodes.OK) {
            return exit; // only works that are not there: said, not an empty table as if they had no task
        }
        HostNames hosts = new HostNames(tasks.stream().map(t -> Map.entry(t.hostUid(), t.hostName())).toList());
        new Listing<>("task", List.of(
                Column.<TaskView>of("UID", TaskView::uid),
                Column.<TaskView>of("WORK", TaskView::workUid),
                Column.<TaskView>of("OWNER", TaskView::ownerLogin),
                Column.<TaskView>of("HOST", t -> hosts.show(t.hostUid(), t.hostName())),
                Column.<TaskView>of("STATUS", TaskView::status),
                Column.<TaskView>of("STARTED", TaskView::started),
                // A lease is what a running task holds: an ended one's is past and would read as a deadline still to come.
                Column.<TaskView>of("LEASE_EXPIRES", t -> t.status() == TaskStatus.RUNNING ? t.leaseExpires() : null),
                Column.<TaskView>of("ENDED", TaskView::ended),
                Column.<TaskView>of("VERDICT", TaskView::verdict)),
                tasks).print(spec.commandLine().getOut(), globals.format);
        spec.commandLine().getErr().flush();
        return exit;
    }
}
