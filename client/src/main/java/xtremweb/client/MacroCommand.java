package xtremweb.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.macro.MacroRunner;

/** {@code xwmacro FILE} (the manual's {@code --xwmacro}): runs a file of client commands, one per line. */
@Command(footer = {"", "Examples:", "  xwmacro jobs.txt             # a line: xwsendwork apptest -n 1", "  xwmacro --xwcontinue jobs.txt  # every line, even after a failure"},
        name = "xwmacro", aliases = {"--xwmacro", "macro"},
        description = {"Runs the client commands of a macro file, one per line ('#' starts a comment).",
                "Stops at the first failing line and names it, unless --xwcontinue is given.",
                "Relative paths in its lines are taken from the current directory, as when typed."})
final class MacroCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Option(names = "--xwcontinue", description = "Run every line even after a failure; exit with the first failure's code.")
    boolean continueOnError;

    @Parameters(paramLabel = "FILE", description = "The macro file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("macro file " + file + " does not exist or is not readable");
        }
        CommandLine parent = spec.commandLine().getParent();
        MacroRunner runner = new MacroRunner(args -> {
            CommandLine line = ClientMain.commandLine(main.forMacroLine(), parent.getOut(), parent.getErr());
            return line.execute(args.toArray(String[]::new));
        }, parent.getErr(), parent.getSubcommands()::containsKey);
        return runner.run(file, globals.config().or(main::topConfig), continueOnError);
    }
}
