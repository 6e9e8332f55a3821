package xtremweb.client.macro;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line into words the way a POSIX shell would for the simple cases people write:
 * blanks separate words, {@code '...'} and {@code "..."} quote, a backslash escapes the next
 * character, {@code #} at the start of a word begins a comment. No variables, no globbing: what is
 * written is what the command receives. Used by macro files and parameter files alike.
 */
public final class ShellWords {
    private ShellWords() {
    }

    /** The words of line {@code number}; an unclosed quote is an error naming the line. */
    public static List<String> split(int number, String text) {
        return split("line " + number, text);
    }

    /**
     * The words of {@code text}; an unclosed quote is an error that starts with {@code where} (a
     * one-line field has no line number worth naming).
     */
    public static List<String> split(String where, String text) {
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
            throw new IllegalArgumentException(where + ": the quote " + quote + " is never closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
