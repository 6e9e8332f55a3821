package xtremweb.client;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import xtremweb.client.api.CertificateFiles;
import xtremweb.client.api.ClientSettings;
import xtremweb.client.api.XwClient;
import xtremweb.common.x509.CredentialFiles;

/**
 * {@code xtremweb.client}: the command-line client. Each manual script ({@code xwsendwork},
 * {@code xwresult}...) is a subcommand, also reachable by its legacy spelling ({@code --xwsendwork})
 * and a short name ({@code sendwork}).
 */
@Command(name = "xtremweb.client", synopsisSubcommandLabel = "COMMAND",
        description = "The XtremWeb client: submit works, fetch their results, manage apps and data.",
        subcommands = {SendAppCommand.class, SendDataCommand.class, AppsCommand.class, SendWorkCommand.class,
                WorksCommand.class, ResultCommand.class, RmCommand.class, PingCommand.class, DatasCommand.class,
                DownloadCommand.class, SendUserCommand.class, UsersCommand.class, SendUsergroupCommand.class,
                UsergroupsCommand.class, SendSessionCommand.class, SessionsCommand.class, SendGroupCommand.class,
                GroupsCommand.class, ChmodCommand.class, WorkersCommand.class, ActivateCommand.class, TasksCommand.class,
                MacroCommand.class, VersionCommand.class, CommandLine.HelpCommand.class,
                AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error, 3 not found,",
                "4 permission denied, login refused, or a certificate or key that cannot be used,",
                "5 server unreachable or its certificate refused.",
                "", "--xwclean empties the client cache: the partial downloads (*.part) left by interrupted"
                        + " xwdownload and xwresult runs in the current directory (or --xwout DIR)."})
public final class ClientMain implements Callable<Integer> {
    /** Opens a logged-in client for the configuration found from {@code --xwconfig} (tests replace it). */
    @FunctionalInterface
    interface Connector {
        XwClient connect(Optional<Path> config);

        /** The same, logging in with the certificate chosen on the command line (--xwcert, --xwproxy) when there is one. */
        default XwClient connect(Optional<Path> config, Optional<CertificateFiles> certificate) {
            return connect(config);
        }
    }

    /** The real one: reads the configuration, asks what is missing on the terminal, logs in. */
    private static final class FromConfiguration implements Connector {
        @Override
        public XwClient connect(Optional<Path> config) {
            return connect(config, Optional.empty());
        }

        @Override
        public XwClient connect(Optional<Path> config, Optional<CertificateFiles> certificate) {
            ClientSettings settings = ClientSettings.load(config, ClientSettings.installDir(), ClientSettings.PasswordPrompt.console(),
                    certificate);
            return XwClient.openLoggedIn(settings, CredentialFiles.Passphrase.console());
        }
    }

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--xwgui", description = "Open the graphical client (bin/xwgui; only --xwconfig is used).")
    boolean gui;

    private final Connector connector;
    private final Supplier<Optional<Path>> redirectedStdin;

    public ClientMain() {
        this(new FromConfiguration(), ClientMain::probeRedirectedStdin);
    }

    ClientMain(Connector connector, Supplier<Optional<Path>> redirectedStdin) {
        this.connector = connector;
        this.redirectedStdin = redirectedStdin;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return commandLine(new ClientMain()).execute(args);
    }

    /** The configured command line; output and errors go to its writers. */
    static CommandLine commandLine(ClientMain main) {
        CommandLine line = new CommandLine(main);
        line.setExpandAtFiles(false);
        line.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.getSubcommands().get("xwsendwork").setUnmatchedOptionsArePositionalParams(true);
        line.setParameterExceptionHandler(ClientMain::usageError);
        line.setExecutionExceptionHandler((error, failed, parseResult) -> failure(error, failed, parseResult));
        line.setExecutionStrategy(ClientMain::cleanThenRun);
        return line;
    }

    static CommandLine commandLine(ClientMain main, PrintWriter out, PrintWriter err) {
        CommandLine line = commandLine(main);
        line.setOut(out);
        line.setErr(err);
        return line;
    }

    @Override
    public Integer call() {
        if (gui) {
            // bin/xtremweb.client hands --xwgui to bin/xwgui: the GUI is its own module, on its own class path.
            spec.commandLine().getErr().println("xtremweb.client: the graphical client starts with bin/xwgui (or"
                    + " bin/xtremweb.client --xwgui), not from this class path; run one of those");
            return ExitCodes.FAILURE;
        }
        if (globals.clean) {
            return ExitCodes.OK;
        }
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** A logged-in client, for the configuration named on the command or on this top command. */
    XwClient connect(GlobalOptions commandGlobals) {
        Optional<Path> config = commandGlobals.config().or(globals::config);
        Optional<CertificateFiles> certificate = commandGlobals.certificate().or(globals::certificate);
        XwClient client = connector.connect(config, certificate);
        commandGlobals.loopDelay().or(globals::loopDelay).ifPresent(client::loopDelay);
        client.progress(TerminalProgress.forStderr());
        return client;
    }

    /** The {@code --xwconfig} given before the command name, if any. */
    Optional<Path> topConfig() {
        return globals.config();
    }

    /** A fresh top command for one macro line: same connector, and the macro's stdin is not the job's. */
    ClientMain forMacroLine() {
        return new ClientMain(connector, Optional::empty);
    }

    Optional<Path> redirectedStdin() {
        return redirectedStdin.get();
    }

    /** The file the shell redirected standard input from ({@code < file}), on Linux; empty otherwise. */
    static Optional<Path> probeRedirectedStdin() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        return redirectedFrom(Path.of("/proc/self/fd/0"));
    }

    /**
     * What standard input, seen as {@code fd} (a link like /proc/self/fd/0), was redirected from: a
     * regular file, or a directory ({@code < somedir}), which xwsendwork refuses rather than send no
     * input at all; empty for a terminal, a pipe or a device.
     */
    static Optional<Path> redirectedFrom(Path fd) {
        try {
            Path real = fd.toRealPath();
            return Files.isRegularFile(real) || Files.isDirectory(real) ? Optional.of(real) : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void printError(CommandLine line, Throwable error, boolean verbose) {
        PrintWriter err = line.getErr();
        err.println("xtremweb.client: " + ExitCodes.message(error));
        if (verbose) {
            error.printStackTrace(err);
        }
        err.flush();
    }

    /**
     * {@code --xwclean} (before or after the command name, or alone) empties the client cache before
     * the command runs. What was removed goes to stdout when cleaning is all there is to do, to
     * stderr otherwise so that a listing on stdout stays parseable.
     */
    private static int cleanThenRun(ParseResult parsed) {
        List<CommandLine> lines = parsed.asCommandLineList();
        boolean clean = lines.stream().anyMatch(l -> l.getParseResult().hasMatchedOption("--xwclean"));
        boolean help = lines.stream().anyMatch(CommandLine::isUsageHelpRequested);
        if (clean && !help) {
            CommandLine last = lines.get(lines.size() - 1);
            Path dir = last.getParseResult().matchedOptionValue("--xwout", Path.of("."));
            PrintWriter report = lines.size() == 1 ? last.getOut() : last.getErr();
            try {
                List<Path> removed = ClientCache.clean(dir);
                removed.forEach(file -> report.println("removed " + file));
                if (removed.isEmpty()) {
                    report.println("the client cache is empty: no partial download (*" + ClientCache.PARTIAL_SUFFIX
                            + ") in " + dir.toAbsolutePath().normalize());
                }
                report.flush();
            } catch (UncheckedIOException e) {
                printError(last, e, false);
                return ExitCodes.FAILURE;
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static int usageError(ParameterException error, String[] args) {
        CommandLine line = error.getCommandLine();
        boolean verbose = java.util.Arrays.asList(args).contains("--xwverbose");
        // A sentence's own full stop goes before "; see ...": "VARIABLE.; see" reads as a typo.
        String sentence = error instanceof CommandLine.UnmatchedArgumentException unmatched ? unmatched(unmatched)
                : error.getMessage().endsWith(".") ? error.getMessage().substring(0, error.getMessage().length() - 1)
                : error.getMessage();
        // picocli names the Java type ("'abc' is not an int"), which means nothing to who typed it.
        sentence = sentence.replaceAll("(' is not) an? (int|long|integer)$", "$1 a whole number");
        line.getErr().println("xtremweb.client: " + sentence + "; see '" + line.getCommandName() + " --help'");
        if (verbose) {
            error.printStackTrace(line.getErr());
        }
        line.getErr().flush();
        return ExitCodes.USAGE;
    }

    /**
     * picocli's "Unmatched argument at index 0: 'xwwork'" in the words of the manual: a command that
     * does not exist, an unknown option or arguments a command does not take, with the close names
     * picocli finds (xwwork: xwworks).
     */
    private static String unmatched(CommandLine.UnmatchedArgumentException error) {
        List<String> words = error.getUnmatched();
        String first = words.isEmpty() ? "" : words.get(0);
        CommandLine line = error.getCommandLine();
        boolean command = line.getParent() == null && !first.startsWith("-");
        // picocli lists every name that shares a prefix (--xw...): the closest three, and a command's aliases (--xwworkers) left out
        List<String> close = first.startsWith("-") ? CloseOptions.to(first, line.getCommandSpec())
                : error.getSuggestions().stream().filter(s -> !command || !s.startsWith("-")).limit(3).toList();
        String hint = close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
        if (command) {
            return "'" + first + "' is not a command" + hint;
        }
        if (first.startsWith("-")) {
            return "'" + first + "' is not an option of " + line.getCommandName() + hint;
        }
        return line.getCommandName() + " does not take " + (words.size() == 1 ? "the argument " : "the arguments ")
                + words.stream().map(w -> "'" + w + "'").collect(java.util.stream.Collectors.joining(" "));
    }

    private static int failure(Exception error, CommandLine failed, ParseResult parseResult) {
        boolean verbose = parseResult.asCommandLineList().stream()
                .anyMatch(l -> l.getParseResult() != null && l.getParseResult().hasMatchedOption("--xwverbose"));
        printError(failed, error, verbose);
        return ExitCodes.of(error);
    }
}
