package xtremweb.server.certification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Sorts results into classes of agreeing ones: each result joins the first class whose first
 * member it agrees with, else starts its own. The largest class, if it reaches the quorum, holds
 * the work's result.
 */
final class Agreement {
    /** One copy's result. */
    record Result(String copyUid, String hostUid, String dataUid, Integer exitCode, Path file) {
    }

    private final List<List<Result>> classes = new ArrayList<>();

    Agreement(List<Result> results, ResultComparator comparator) {
        for (Result r : results) {
            Optional<List<Result>> joined = classes.stream().filter(k -> agree(comparator, k.get(0), r)).findFirst();
            if (joined.isPresent()) {
                joined.get().add(r);
            } else {
                classes.add(new ArrayList<>(List.of(r)));
            }
        }
    }

    private static boolean agree(ResultComparator comparator, Result a, Result b) {
        try {
            return comparator.agree(a.file(), b.file());
        } catch (IOException e) {
            throw new UncheckedIOException("comparing the results of copies " + a.copyUid() + " and " + b.copyUid(), e);
        }
    }

    /** How many different results there are. */
    int distinct() {
        return classes.size();
    }

    /** The largest class (the earliest among equals), empty without results. */
    List<Result> largest() {
        return classes.stream().max(Comparator.comparingInt(List::size)).orElse(List.of());
    }
}
