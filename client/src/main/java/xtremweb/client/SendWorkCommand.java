package xtremweb.client;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.Inputs;
import xtremweb.client.api.XwClient;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * {@code xwsendwork APP [--xwlabel L] [--xwstdin FILE|UID] [--xwenv FILE|UID] [--xwexpectedhost HOST]
 * [--xwminmemory BYTES] [--xwmindisk BYTES] [--xwmincpuspeed MHZ] [ARGS...] [< FILE]}.
 * Arguments we do not know (such as {@code -n 5}) are the app's, passed exactly as given; {@code --}
 * ends our options. Prints the work UID alone so scripts can capture it.
 */
@Command(name = "xwsendwork", aliases = {"--xwsendwork", "sendwork"},
        description = {"Submits a work (a job) for an installed app and prints its UID.",
                "Standard input redirected from a file (< FILE) is sent as the job's standard input."})
final class SendWorkCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Option(names = "--xwlabel", paramLabel = "LABEL", description = "A label of your choice for the work.")
    String label;

    @Option(names = "--xwstdin", paramLabel = "FILE|UID", description = "Standard input of the job: a file, or a data UID.")
    String stdin;

    @Option(names = "--xwenv", paramLabel = "FILE|DIR|UID",
            description = "Environment of the job: a zip, a file or directory (zipped for you), or a data UID.")
    String env;

    @Option(names = "--xwexpectedhost", paramLabel = "HOST_UID",
            description = "Run the work only on this host (a UID from xwworkers).")
    String expectedHost;

    @Option(names = "--xwminmemory", paramLabel = "BYTES", description = "Run only on a host with at least this much memory.")
    Long minMemory;

    @Option(names = "--xwmindisk", paramLabel = "BYTES", description = "Run only on a host declaring at least this much free disk.")
    Long minDisk;

    @Option(names = "--xwmincpuspeed", paramLabel = "MHZ", description = "Run only on a host declaring at least this CPU speed.")
    Integer minCpuSpeed;

    @Parameters(index = "0", paramLabel = "APP", description = "Name or UID of the app (see xwapps).")
    String app;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments passed to the app exactly as given.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        XwClient client = main.connect(globals);
        String stdinUid = stdin != null ? Inputs.stdinDataUid(client, stdin)
                : main.redirectedStdin().map(file -> Inputs.stdinDataUid(client, file.toString())).orElse(null);
        String envUid = env == null ? null : Inputs.envDataUid(client, env);
        WorkView work = client.submitWork(new WorkSubmit(app, args, label, stdinUid, envUid, minMemory, minDisk,
                minCpuSpeed, expectedHost));
        // Inputs uploaded from local files exist for this work only: marked deleted now, the server
        // keeps them while the work lives and sweeps them once it is erased.
        String stdinSource = stdin != null ? stdin : main.redirectedStdin().map(Path::toString).orElse(null);
        releaseIfUploaded(client, stdinSource, stdinUid);
        releaseIfUploaded(client, env, envUid);
        PrintWriter out = spec.commandLine().getOut();
        out.println(work.uid());
        out.flush();
        return ExitCodes.OK;
    }

    private static void releaseIfUploaded(XwClient client, String source, String uid) {
        if (source != null && uid != null && Inputs.createsData(source)) {
            client.deleteData(uid);
        }
    }
}
