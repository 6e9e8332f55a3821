package xtremweb.client;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of a command a mistyped one was probably meant to be ({@code --xwlable}: {@code --xwlabel}),
 * by edit distance: picocli's own suggestions share a prefix, and every option here starts with
 * {@code --xw}, so it offered {@code --xwconfig or --xwverbose} for any typo.
 */
final class CloseOptions {
    /** Typos farther than this from every option name suggest none. */
    private static final int MOST_EDITS = 2;

    private CloseOptions() {
    }

    /** At most three options, the closest first; none when nothing is close. */
    static List<String> to(String typed, CommandSpec command) {
        String word = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        return command.options().stream().filter(o -> !o.hidden()).map(OptionSpec::longestName).distinct()
                .filter(name -> edits(word, name) <= MOST_EDITS)
                .sorted(Comparator.comparingInt((String name) -> edits(word, name)).thenComparing(name -> name))
                .limit(3).toList();
    }

    /** Levenshtein distance, case aside, with a swap of two neighbours counting as one edit. */
    static int edits(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[x.length() + 1][y.length() + 1];
        for (int i = 0; i <= x.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            for (int j = 1; j <= y.length(); j++) {
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x.charAt(i - 1) == y.charAt(j - 2) && x.charAt(i - 2) == y.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[x.length()][y.length()];
    }
}
