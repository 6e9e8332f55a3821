package xtremweb.client.sweep;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xtremweb.client.macro.ShellWords;
import xtremweb.common.wire.WorkBatch;

/**
 * A parameter file: one line is one job's arguments, split like a shell splits a command line
 * (quotes and backslashes keep spaces and quotes exactly). Blank lines and lines starting with
 * {@code #} are skipped. The whole file is read before anything is sent, so a malformed line
 * loses nothing: nothing is submitted.
 */
public final class ParameterFile {
    /** One job: its line number (for its label and for messages) and its arguments. */
    public record Line(int number, List<String> args) {
        public Line {
            args = List.copyOf(args);
        }
    }

    private ParameterFile() {
    }

    /** One job's arguments written on one line (the line of a parameter file, a GUI's field). */
    public static List<String> arguments(String text) {
        // Not "line 1": the person typed one field, not a file, and the message must name that field.
        return ShellWords.split("the arguments", text);
    }

    /**
     * Arguments written back as one line that {@link #arguments} reads into the same list: words
     * with blanks, quotes, backslashes, {@code $} or {@code #} (or empty) single-quoted.
     */
    public static String line(List<String> args) {
        StringBuilder line = new StringBuilder();
        for (String arg : args) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            boolean plain = !arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || "'\"\\$#`".indexOf(c) >= 0);
            line.append(plain ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    /**
     * One job per line: {@code commonArgs} then the line's arguments, labelled
     * {@code labelPrefix-LINE} (the line number, so a label leads back to its line).
     */
    public static List<WorkBatch.Job> jobs(List<Line> lines, List<String> commonArgs, String labelPrefix) {
        List<WorkBatch.Job> jobs = new ArrayList<>(lines.size());
        for (Line line : lines) {
            List<String> jobArgs = new ArrayList<>(commonArgs);
            jobArgs.addAll(line.args());
            jobs.add(new WorkBatch.Job(jobArgs, labelPrefix + "-" + line.number()));
        }
        return jobs;
    }

    /** The jobs of the file, in file order; an unreadable file or a malformed line is an IllegalArgumentException. */
    public static List<Line> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the parameter file " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            // A file named on the command line that cannot be read is a usage error, as for xwsenddata.
            throw new IllegalArgumentException("cannot read the parameter file " + file + ": "
                    + xtremweb.client.api.IoReasons.of(e), e);
        }
        List<Line> jobs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            try {
                jobs.add(new Line(i + 1, ShellWords.split(i + 1, text)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter file " + file + ", " + e.getMessage() + "; nothing was submitted", e);
            }
        }
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("the parameter file " + file + " has no job line; write one job's arguments per line");
        }
        return jobs;
    }
}
