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
 * the work's result. A pair of results that cannot be compared ({@link NotComparable}: too large, or
 * not unzipping) does not agree.
 */
final class Agreement {
    private static final Logger LOG = LoggerFactory.getLogger(Agreement.class);
    /** One copy's result. */
    record Result(String copyUid, String hostUid, String dataUid, Integer exitCode, Path file) {
    }

    private final List<List<Result>> classes = new ArrayList<>();
    /** Why two results were not compared to their end (the first such pair). */
    private String notCompared;

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
        } catch (NotComparable e) {
            // Comparing again would give the same answer (unlike a disk failing halfway, which is
            // thrown on and retried with the report): a result this large, or that does not unzip, is
            // not taken as agreeing with anything, as a differing one is not.
            String why;
            if (e instanceof UnreadableResult unreadable) {
                Result bad = unreadable.result().equals(a.file()) ? a : b;
                why = "the result of copy " + bad.copyUid() + " (host " + bad.hostUid() + ") was not compared: " + e.getMessage();
            } else {
                why = "the results of copies " + a.copyUid() + " (host " + a.hostUid() + ") and " + b.copyUid() + " (host "
                        + b.hostUid() + ") were not compared: " + e.getMessage();
            }
            LOG.warn("{}; copies {} and {} count as not agreeing", why, a.copyUid(), b.copyUid());
            if (notCompared == null) {
                notCompared = why;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("comparing the results of copies " + a.copyUid() + " and " + b.copyUid(), e);
        }
    }

    /** Why some results were not compared to their end (too large once unzipped, or not unzipping), empty if all were. */
    Optional<String> notCompared() {
        return Optional.ofNullable(notCompared);
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
