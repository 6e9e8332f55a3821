package xtremweb.server.certification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The tokens of a text output, read as it streams: runs of letters, digits and {@code . + - _}
 * (a number such as {@code -1.5e-3} is one token, a word another), each other visible character
 * alone; white space only separates. A token is cut every {@link #MAX_TOKEN} characters so a file
 * with no separator is not held whole.
 */
final class TextTokens {
    static final int MAX_TOKEN = 4096;
    private final BufferedReader in;
    private int next = -2;

    TextTokens(InputStream stream) {
        this.in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    /** The next token, or null at the end. */
    String next() throws IOException {
        int c = peek();
        while (c >= 0 && Character.isWhitespace(c)) {
            take();
            c = peek();
        }
        if (c < 0) {
            return null;
        }
        StringBuilder token = new StringBuilder();
        if (!inRun(c)) {
            token.append((char) take());
            return token.toString();
        }
        while (c >= 0 && inRun(c) && token.length() < MAX_TOKEN) {
            token.append((char) take());
            c = peek();
        }
        return token.toString();
    }

    private static boolean inRun(int c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '+' || c == '-' || c == '_';
    }

    private int peek() throws IOException {
        if (next == -2) {
            next = in.read();
        }
        return next;
    }

    private int take() throws IOException {
        int c = peek();
        next = -2;
        return c;
    }
}
