package xtremweb.client.macro;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a macro file split into arguments like a shell would ({@link ShellWords}).
 *
 * <p>A leading {@code xtremweb.client} is dropped, and {@code < FILE} becomes {@code --xwstdin FILE}
 * right after the command name, so lines read like the commands people type.
 */
public record MacroLine(int number, List<String> words) {
    public MacroLine {
        words = List.copyOf(words);
    }

    public static MacroLine parse(int number, String text) {
        List<String> words = ShellWords.split(number, text);
        if (!words.isEmpty() && words.get(0).equals("xtremweb.client")) {
            words = new ArrayList<>(words.subList(1, words.size()));
        }
        int redirect = words.indexOf("<");
        if (redirect >= 0) {
            if (redirect == 0 || redirect != words.size() - 2) {
                throw new IllegalArgumentException("line " + number + ": '<' must be followed by one file, at the end of the line");
            }
            int end = words.contains("--") ? words.indexOf("--") : words.size();
            if (words.subList(0, end).contains("--xwstdin")) {
                throw new IllegalArgumentException("line " + number + ": the job's standard input is given twice, by"
                        + " --xwstdin and by '<'; give it once");
            }
            List<String> rewritten = new ArrayList<>();
            rewritten.add(words.get(0));
            rewritten.add("--xwstdin");
            rewritten.add(words.get(redirect + 1));
            rewritten.addAll(words.subList(1, redirect));
            words = rewritten;
        }
        return new MacroLine(number, words);
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }
}
