package xtremweb.client;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import xtremweb.common.config.KnownKeys;

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

    /** The edit distance, case aside, a swap of two neighbours counting as one edit (as for configuration keys). */
    static int edits(String a, String b) {
        return KnownKeys.distance(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
    }
}
