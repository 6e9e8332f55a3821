package xtremweb.server.certification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts results into classes of agreeing ones: each result joins the first class whose first
 * member it agrees with, else starts its own. The largest class, if it reaches the quorum, holds
 * the work's result. A pair of results too large to compare ({@link TooLargeToCompare}) does not agree.
 */
final class Agreement {
    private static final Logger LOG = LoggerFactory.getLogger(Agreement.class);
    /** One copy's result. */
    record Result(String copyUid, String hostUid, String dataUid, Integer exitCode, Path file) {
    }

    private final List<List<Result>> classes = new ArrayList<>();
    /** Why two results were not compared to their end, if one was too large to (the first such pair). */
    private String tooLarge;

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

    private boolean agree(ResultComparator comparator, Result a, Result b) {
        try {
            return comparator.agree(a.file(), b.file());
        } catch (TooLargeToCompare e) {
            // Comparing again would give the same answer (unlike a disk failing halfway): a result
            // that is this large is not taken as agreeing with anything, as a differing one is not.
            String why = "the results of copies " + a.copyUid() + " (host " + a.hostUid() + ") and " + b.copyUid() + " (host "
                    + b.hostUid() + ") were not compared: " + e.getMessage();
            LOG.warn("{}; they count as not agreeing", why);
            if (tooLarge == null) {
                tooLarge = why;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("comparing the results of copies " + a.copyUid() + " and " + b.copyUid(), e);
        }
    }

    /** Why some results were not compared to their end (too large once unzipped), empty if all were. */
    Optional<String> tooLarge() {
        return Optional.ofNullable(tooLarge);
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
