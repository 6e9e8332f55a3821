package xtremweb.client;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import xtremweb.client.api.ExternalData;
import xtremweb.client.api.Inputs;
import xtremweb.client.api.Uids;
import xtremweb.client.api.XwClient;
import xtremweb.client.sweep.ParameterFile;
import xtremweb.common.wire.WorkSubmit;

/**
 * {@code xwsendwork APP [--xwlabel L] [--xwstdin FILE|UID] [--xwenv FILE|UID] [--xwexpectedhost HOST]
 * [--xwminmemory SIZE] [--xwmindisk SIZE] [--xwmincpuspeed MHZ] [--xwsession UID] [--xwgroup UID]
 * [--xwparams FILE] [ARGS...] [< FILE]}; the manual's {@code '<' FILE} (a quoted {@code <} ending the
 * arguments) is the job's standard input too, and so is the shell's redirection (see {@link #stdinSource}).
 * Arguments we do not know (such as {@code -n 5}) are the app's, passed exactly as given; {@code --}
 * ends our options. Prints the work UID alone so scripts can capture it; with a parameter file, one
 * work per line of the file and one UID per line of output, in the file's order.
 */
@Command(footer = {"", "Examples:", "  xwsendwork apptest -n 4 \"hello grid\" < input.txt", "  xwsendwork apptest -s 2 '<' input.txt  # the manual's quoted <", "  xwsendwork --xwenv inputs/ apptest -n 1  # a directory, zipped", "  xwsendwork --xwsession SESSION_UID --xwparams sweep.txt apptest"},
        name = "xwsendwork", aliases = {"--xwsendwork", "sendwork"},
        description = {"Submits a work (a job) for an installed app and prints its UID.",
                "Standard input redirected from a file (< FILE) is sent as the job's standard input.",
                "The work and its result take the app's access rights: on a public app other users may read"
                        + " them; make them yours alone with xwchmod go-rwx WORK_UID (its result follows)."})
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

    @Option(names = "--xwexpectedhost", paramLabel = "HOST",
            description = "Run the work only on this host: its UID, or its name as xwworkers lists it.")
    String expectedHost;

    @Option(names = "--xwminmemory", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Run only on a host with at least this much memory: bytes, or with K, M, G, T (2G).")
    Long minMemory;

    @Option(names = "--xwmindisk", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Run only on a host declaring at least this much free disk: bytes, or with K, M, G, T (20G).")
    Long minDisk;

    @Option(names = "--xwmincpuspeed", paramLabel = "MHZ", description = "Run only on a host declaring at least this CPU speed.")
    Integer minCpuSpeed;

    @Option(names = "--xwsession", paramLabel = "SESSION", description = "Insert the work into this session (its UID or name; see xwsendsession).")
    String session;

    @Option(names = "--xwgroup", paramLabel = "GROUP", description = "Insert the work into this group (its UID or name; see xwsendgroup).")
    String group;

    @Option(names = "--xwparams", paramLabel = "FILE",
            description = {"A parameter sweep: one work per line of FILE, the line being its arguments (after ARGS),"
                    + " quoted like a command line; blank and '#' lines are skipped. Labels get '-LINE'."})
    Path params;

    @Mixin
    ReplicationOptions replication;

    @Parameters(index = "0", paramLabel = "APP", description = "Name or UID of the app (see xwapps).")
    String app;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments passed to the app exactly as given.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        if (app.startsWith("-")) {
            // Options we do not know are the app's, so a mistyped option of ours would become the app's name.
            List<String> close = CloseOptions.to(app, spec);
            throw new IllegalArgumentException("'" + app + "' is not an option of xwsendwork ("
                    + (close.isEmpty() ? "xwsendwork --help lists them" : "did you mean " + String.join(" or ", close) + "?")
                    + "); the app's name comes first, then its own arguments");
        }
        // Read (and check) the whole parameter file before anything is uploaded or submitted.
        List<ParameterFile.Line> sweep = params == null ? null : ParameterFile.read(params);
        String stdinSource = stdinSource();
        XwClient client = main.connect(globals);
        String hostUid = expectedHost == null ? null : expectedHostUid(client); // before any upload: a wrong name leaves nothing behind
        String sessionUid = session == null ? null : GroupingNames.uid("session", session, client.sessions(), () -> client.me().uid());
        String groupUid = group == null ? null : GroupingNames.uid("group", group, client.groups(), () -> client.me().uid());
        String stdinUid = stdinSource == null ? null : Inputs.stdinDataUid(client.data(), stdinSource);
        String envUid = env == null ? null : Inputs.envDataUid(client.data(), env);
        WorkSubmit common = new WorkSubmit(app, args, label, stdinUid, envUid, minMemory, minDisk, minCpuSpeed, hostUid,
                sessionUid, groupUid, replication.replication());
        String labelPrefix = label != null ? label : params == null ? null : params.getFileName().toString();
        List<String> uids = sweep == null ? List.of(client.works().submit(common).uid())
                : client.works().submitBatch(common, ParameterFile.jobs(sweep, args, labelPrefix));
        Inputs.releaseIfUploaded(client.data(), stdinSource, stdinUid);
        Inputs.releaseIfUploaded(client.data(), env, envUid);
        PrintWriter out = spec.commandLine().getOut();
        // One write for a sweep's 10,000 lines, not one flush per line.
        out.print(String.join(System.lineSeparator(), uids) + System.lineSeparator());
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The UID of {@code --xwexpectedhost}: as given when it is one, else the one host of that name
     * among those the caller may list (xwworkers, xwactivate take names too; the server takes UIDs
     * and said "expected host lab-12 is not registered" of a host listed under that very name).
     */
    private String expectedHostUid(XwClient client) {
        Optional<String> uid = Uids.parse(expectedHost);
        if (uid.isPresent()) {
            return uid.get();
        }
        List<String> named = client.hosts().list().stream().filter(h -> expectedHost.equals(h.name())).map(h -> h.uid()).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        throw new IllegalArgumentException(named.isEmpty()
                ? "--xwexpectedhost " + expectedHost + ": no host of that name among those xwworkers lists for you; give the"
                        + " host's UID (an administrator's xwworkers lists every host)"
                : "--xwexpectedhost " + expectedHost + ": " + named.size() + " hosts have that name (" + String.join(", ", named)
                        + "); give the UID of the one to run on");
    }

    /**
     * The job's standard input: {@code --xwstdin}, the manual's {@code '<' FILE} ending the arguments
     * (taken out of them), or the file the shell redirected standard input from. Both of the first
     * two is a mistake refused before anything is sent. One of them with a redirection too is not:
     * a script may run xwsendwork inside {@code while read ...; done < list}, where the redirection
     * is the loop's; the one written on the command line wins, and a warning names the file left
     * unused (it used to be dropped silently).
     */
    private String stdinSource() {
        Optional<String> argument = lessThanArgument();
        Optional<String> shell = main.redirectedStdin().map(Path::toString);
        if (stdin != null && argument.isPresent()) {
            throw new IllegalArgumentException("the job's standard input is given twice: --xwstdin " + stdin + " and '<' "
                    + argument.get() + " among the arguments; give it once (--xwstdin FILE|UID, or < FILE)");
        }
        Optional<String> written = Optional.ofNullable(stdin).or(() -> argument);
        if (written.isPresent() && shell.isPresent()) {
            spec.commandLine().getErr().println("xwsendwork: warning: standard input is redirected from " + shell.get()
                    + ", which is not sent: the job's standard input is " + (stdin != null ? "--xwstdin " : "'<' ") + written.get());
            spec.commandLine().getErr().flush();
        }
        if (written.isEmpty() && shell.isPresent() && Files.isDirectory(Path.of(shell.get()))) {
            // "xwsendwork app < dir": the job would have run with no standard input at all
            throw new IllegalArgumentException("standard input is redirected from " + shell.get() + ", a directory; redirect"
                    + " it from a file (< FILE), or give the directory as the job's environment (--xwenv DIR zips it)");
        }
        return written.or(() -> shell).orElse(null);
    }

    /**
     * The manual's {@code xwsendwork APP [ARGS] '<' FILE}: a {@code <} (quoted, so that the shell
     * hands it over) and one file ending the arguments. Removed from the app's arguments; after
     * {@code --} every argument is the app's, a {@code <} included.
     */
    private Optional<String> lessThanArgument() {
        boolean literal = spec.commandLine().getParseResult().originalArgs().contains("--");
        if (!literal && !args.isEmpty() && args.get(args.size() - 1).equals("<")) {
            // the file was forgotten: the job would get a '<' argument and no standard input
            throw new IllegalArgumentException("'<' ends the arguments with no file after it; write '<' FILE for the job's"
                    + " standard input, or put -- before the app's arguments to pass it a '<'");
        }
        int at = args.size() - 2;
        if (!literal && args.subList(0, Math.max(0, at)).contains("<")) {
            // "'<' in.txt -v": the job would get '<', the file's name and the rest as arguments, and no standard input
            int first = args.indexOf("<");
            throw new IllegalArgumentException("'<' " + args.get(first + 1) + " must end the arguments, but "
                    + String.join(" ", args.subList(first + 2, args.size())) + " follows it; put the app's arguments before"
                    + " '<' FILE, or put -- before them to pass the app a '<'");
        }
        if (at < 0 || !args.get(at).equals("<") || literal) {
            return Optional.empty();
        }
        String file = args.get(at + 1);
        if (Inputs.localFile(file).isEmpty() && Uids.parse(file).isEmpty() && !ExternalData.isUri(file)) {
            // said before logging in, and as written: it read "--xwstdin 'in.txt' is neither a readable file nor a data UID"
            throw new IllegalArgumentException("'<' " + file + ": no such file; the job's standard input after '<' is a"
                    + " file (or the UID of a data on the server)");
        }
        args = new ArrayList<>(args.subList(0, at));
        return Optional.of(file);
    }
}
