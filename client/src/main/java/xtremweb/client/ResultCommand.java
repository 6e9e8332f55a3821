package xtremweb.client;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import xtremweb.client.api.Uids;
import xtremweb.client.api.XwClient;
import xtremweb.client.result.ResultRetriever;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkView;

/**
 * {@code xwresult [UID...]}: downloads the results of COMPLETED works into {@code <out>/<uid>.zip},
 * extracts them into {@code <out>/<uid>/} and erases the works on the server once the result is safe on disk.
 */
@Command(name = "xwresult", aliases = {"--xwresult", "--xwresults", "xwresults", "result"},
        description = {"Downloads, checks and extracts the results of your works, then erases the works on the server.",
                "Without UIDs: every COMPLETED work of yours."})
final class ResultCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Option(names = "--xwout", paramLabel = "DIR", defaultValue = ".", description = "Where to store results (default: here).")
    Path out;

    @Option(names = "--xwnoextract", description = "Keep the result zip, do not extract it.")
    boolean noExtract;

    @Option(names = "--xwrmzip", description = "Remove the zip once extracted.")
    boolean removeZip;

    @Option(names = "--xwnoerase", description = "Do not delete the work on the server afterwards.")
    boolean noErase;

    @Option(names = "--xwoverride", description = "Download and extract again even if the result is already here.")
    boolean override;

    @Option(names = "--xwwait", paramLabel = "SECONDS", description = "Wait up to SECONDS for each work to finish.")
    Integer waitSeconds;

    @Parameters(paramLabel = "UID", arity = "0..*", description = "Works whose results to fetch (default: all COMPLETED ones).")
    List<String> uids = new ArrayList<>();

    @Override
    public Integer call() {
        if (waitSeconds != null && waitSeconds < 0) {
            throw new IllegalArgumentException("--xwwait must be zero or more seconds, not " + waitSeconds);
        }
        uids.forEach(Uids::require);
        XwClient client = main.connect(globals);
        ResultRetriever retriever = new ResultRetriever(client);
        ResultRetriever.Options options = new ResultRetriever.Options(out, !noExtract, !noErase, removeZip && !noExtract, override);
        List<String> targets = uids.isEmpty()
                ? client.works().list(Optional.of(WorkStatus.COMPLETED)).stream().map(WorkView::uid).toList()
                : uids;
        PrintWriter stdout = spec.commandLine().getOut();
        int exit = ExitCodes.OK;
        for (String uid : targets) {
            try {
                WorkView work = waitSeconds == null ? client.works().get(uid)
                        : client.works().awaitFinal(uid, Duration.ofSeconds(waitSeconds), Clock.systemUTC());
                if (work.status() == WorkStatus.ERROR) {
                    spec.commandLine().getErr().println("xtremweb.client: work " + work.uid() + " ended in ERROR: "
                            + (work.errorMessage() == null ? "no reason given" : work.errorMessage()));
                    exit = exit == ExitCodes.OK ? ExitCodes.FAILURE : exit;
                    continue;
                }
                if (work.status() != WorkStatus.COMPLETED) {
                    spec.commandLine().getErr().println("xtremweb.client: work " + work.uid() + " is " + work.status()
                            + ", its result is not ready; wait for it with --xwwait SECONDS");
                    exit = exit == ExitCodes.OK ? ExitCodes.FAILURE : exit;
                    continue;
                }
                Path where = retriever.retrieve(work, options);
                stdout.println(work.uid() + " COMPLETED exit=" + (work.exitCode() == null ? "?" : work.exitCode()) + " -> " + where);
                stdout.flush();
            } catch (XwConnectException e) {
                throw e;
            } catch (RuntimeException e) {
                ClientMain.printError(spec.commandLine(), e, globals.verbose);
                exit = exit == ExitCodes.OK ? ExitCodes.of(e) : exit;
            }
        }
        spec.commandLine().getErr().flush();
        return exit;
    }
}
