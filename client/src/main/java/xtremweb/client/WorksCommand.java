package xtremweb.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.XwClient;
import xtremweb.common.json.Json;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkView;

/** {@code xwworks [UID...] [--xwstatus S] [--xwformat text|json]}: the caller's works and their status. */
@Command(name = "xwworks", aliases = {"--xwworks", "--xwgetworks", "works"},
        description = "Lists your works (all of them, or the given ones) with their status.")
final class WorksCommand implements Callable<Integer> {
    enum Format { text, json }

    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Option(names = "--xwstatus", paramLabel = "STATUS",
            description = "Only works in this status: ${COMPLETION-CANDIDATES}.")
    WorkStatus status;

    @Option(names = "--xwformat", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output as ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(paramLabel = "UID", arity = "0..*", description = "Works to show (default: all of yours).")
    List<String> uids = new ArrayList<>();

    @Override
    public Integer call() throws JsonProcessingException {
        XwClient client = main.connect(globals);
        List<WorkView> works;
        if (uids.isEmpty()) {
            works = client.listWorks(Optional.ofNullable(status));
        } else {
            works = uids.stream().map(client::getWork).filter(w -> status == null || w.status() == status).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(works));
            out.flush();
            return ExitCodes.OK;
        }
        Table table = new Table("UID", "STATUS", "EXIT", "APP", "LABEL", "SUBMITTED");
        for (WorkView w : works) {
            table.row(w.uid(), w.status(), w.exitCode(), w.appName() != null ? w.appName() : w.appUid(), w.label(),
                    w.submitted() == null ? null : w.submitted().truncatedTo(ChronoUnit.SECONDS));
        }
        table.print(out);
        return ExitCodes.OK;
    }
}
