package xtremweb.client.macro;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a macro file split into arguments the way a POSIX shell would for the simple cases
 * people write: blanks separate words, {@code '...'} and {@code "..."} quote, a backslash escapes the
 * next character, {@code #} at the start of a word begins a comment. No variables, no globbing:
 * what is written is what the command receives.
 *
 * <p>A leading {@code xtremweb.client} is dropped, and {@code < FILE} becomes {@code --xwstdin FILE}
 * right after the command name, so lines read like the commands people type.
 */
public record MacroLine(int number, List<String> words) {
    public MacroLine {
        words = List.copyOf(words);
    }

    public static MacroLine parse(int number, String text) {
        List<String> words = split(number, text);
        if (!words.isEmpty() && words.get(0).equals("xtremweb.client")) {
            words = new ArrayList<>(words.subList(1, words.size()));
        }
        int redirect = words.indexOf("<");
        if (redirect >= 0) {
            if (redirect == 0 || redirect != words.size() - 2) {
                throw new IllegalArgumentException("line " + number + ": '<' must be followed by one file, at the end of the line");
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

    private static List<String> split(int number, String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '#' && !inWord) {
                break;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("line " + number + ": the quote " + quote + " is never closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
