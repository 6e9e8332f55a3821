package xtremweb.client.macro;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a macro file line by line through a command executor (the client's command line). Stops at
 * the first line that fails and names it, unless told to continue; the exit code is the first
 * failing line's.
 */
public final class MacroRunner {
    private final Function<List<String>, Integer> execute;
    private final PrintWriter err;
    private final Predicate<String> isCommand;

    /** @param execute runs one command's arguments and returns its exit code */
    public MacroRunner(Function<List<String>, Integer> execute, PrintWriter err) {
        this(execute, err, word -> true);
    }

    /**
     * @param isCommand whether a line's first word names a client command: every line is checked
     *        before the first runs, so that a typo on line 5 does not leave lines 1 to 4 done (works
     *        submitted that a run of the corrected file would submit again)
     */
    public MacroRunner(Function<List<String>, Integer> execute, PrintWriter err, Predicate<String> isCommand) {
        this.execute = execute;
        this.err = err;
        this.isCommand = isCommand;
    }

    /**
     * @param config the {@code --xwconfig} given with the macro, passed to every line that names none
     * @return 0 when every line succeeded, else the exit code of the first failing line
     */
    public int run(Path macro, Optional<Path> config, boolean continueOnError) throws IOException {
        List<String> text;
        try {
            text = Files.readAllLines(macro, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the macro file " + macro + " is not UTF-8 text; save it as UTF-8,"
                    + " one command per line", e);
        } catch (IOException e) {
            // a directory, a file that vanished: the FILE named on the command line is wrong (exit 2)
            throw new IllegalArgumentException("cannot read the macro file " + macro + ": "
                    + xtremweb.client.api.IoReasons.of(e), e);
        }
        List<MacroLine> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            MacroLine line = MacroLine.parse(i + 1, text.get(i));
            if (!line.isEmpty()) {
                if (line.words().get(0).contains("xwmacro")) {
                    throw new IllegalArgumentException(macro + " line " + (i + 1) + ": a macro cannot run another macro");
                }
                String command = line.words().get(0);
                if (!command.startsWith("-") && !isCommand.test(command)) {
                    throw new IllegalArgumentException(macro + " line " + (i + 1) + ": '" + command + "' is not a client"
                            + " command (xtremweb.client --help lists them); nothing was run");
                }
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            // As an empty parameter file of xwsendwork: the FILE named is not what was meant (exit 2),
            // rather than a silent success that ran nothing.
            throw new IllegalArgumentException("the macro file " + macro + " holds no command (only blank or '#' lines);"
                    + " write one client command per line, like xwworks");
        }
        int firstFailure = 0;
        for (MacroLine line : lines) {
            List<String> args = new ArrayList<>(line.words());
            if (config.isPresent() && !args.contains("--xwconfig")) {
                args.add(1, config.get().toString());
                args.add(1, "--xwconfig");
            }
            int code = execute.apply(args);
            if (code != 0) {
                err.println("xtremweb.client: " + macro + " line " + line.number() + " failed (exit " + code + "): "
                        + String.join(" ", line.words()));
                besideTheMacro(macro, line).ifPresent(err::println);
                err.flush();
                if (firstFailure == 0) {
                    firstFailure = code;
                }
                if (!continueOnError) {
                    return code;
                }
            }
        }
        return firstFailure;
    }

    /**
     * Relative paths in a macro are taken from the current directory, as when the line is typed; a
     * macro written beside its inputs and run from elsewhere fails on a file that is right there.
     * Say so, with the path that works, rather than leave "not a readable file" to puzzle over.
     */
    private static Optional<String> besideTheMacro(Path macro, MacroLine line) {
        Path cwd = Path.of("").toAbsolutePath();
        Path macroDir = macro.toAbsolutePath().getParent();
        if (macroDir == null || macroDir.equals(cwd)) {
            return Optional.empty();
        }
        for (String word : line.words().subList(1, line.words().size())) {
            if (word.isEmpty() || word.startsWith("-") || word.contains("://")) {
                continue;
            }
            Path path;
            try {
                path = Path.of(word);
            } catch (java.nio.file.InvalidPathException e) {
                continue;
            }
            if (!path.isAbsolute() && !Files.exists(cwd.resolve(path)) && Files.exists(macroDir.resolve(path))) {
                Path works = macroDir.resolve(path).normalize();
                String written = works.startsWith(cwd) ? cwd.relativize(works).toString() : works.toString();
                return Optional.of("xtremweb.client: '" + word + "' is not in the current directory " + cwd + " but beside"
                        + " the macro file: paths in a macro are taken from the current directory, as when typed; write "
                        + written + " in " + macro + ", or run it from " + macroDir);
            }
        }
        return Optional.empty();
    }
}
