package xtremweb.server.certification;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.model.WorkStatus;
import xtremweb.server.db.Jdbc;

/**
 * Validates a replicated work when one of its copies ends. With a quorum's worth of results, the
 * results are sorted into agreeing classes; a class of quorum size makes its first result the
 * work's result (COMPLETED), the others INVALID. Short of that, more copies go out while the policy
 * allows, then the work ends in ERROR ("no quorum: N results, M distinct"), as it does past its
 * most errors.
 *
 * <p>Each validation runs in the transaction that recorded the copy's end, on the work's row locked
 * ({@code SELECT ... FOR UPDATE}): two copies ending at once are validated one after the other, a
 * work completes exactly once, and a work already ended is left alone, so running it twice does
 * no harm. Copies that ended in ERROR outside a report (lease lost too often) are found by
 * {@link #sweep}.
 */
public final class Certifier implements ResultCertification {
    private static final Logger LOG = LoggerFactory.getLogger(Certifier.class);
    private static final int SWEEP_BATCH = 500;
    private final Jdbc jdbc;
    private final CertificationRepository rows = new CertificationRepository();
    private final Function<String, Path> resultFiles;
    private final Runnable refill;
    private final CopyPlacements placements;
    private final Clock clock;

    /**
     * {@code resultFiles} finds a result's file by its data UID; {@code refill} asks the ready queue
     * to read the database again (new copies were queued).
     */
    public Certifier(Jdbc jdbc, Function<String, Path> resultFiles, Runnable refill, CopyPlacements placements, Clock clock) {
        this.jdbc = jdbc;
        this.resultFiles = resultFiles;
        this.refill = refill;
        this.placements = placements;
        this.clock = clock;
    }

    @Override
    public void ended(Connection c, String certifies) throws SQLException {
        if (certifies != null) {
            certify(c, certifies);
        }
    }

    /** Validates the work if it is still being certified; false if it was not (ended, gone). */
    boolean certify(Connection c, String workUid) throws SQLException {
        Optional<CertificationRepository.Certified> locked = rows.lock(c, workUid);
        if (locked.isEmpty() || locked.get().status() != WorkStatus.RUNNING) {
            return false;
        }
        CertificationRepository.Certified work = locked.get();
        ReplicationPolicy policy = work.policy();
        List<CertificationRepository.Copy> copies = rows.copies(c, workUid);
        List<Agreement.Result> results = new ArrayList<>();
        int errors = 0;
        int outstanding = 0;
        for (CertificationRepository.Copy copy : copies) {
            if (copy.hasResult() && copy.verdict() != Verdict.INVALID) {
                results.add(new Agreement.Result(copy.uid(), copy.hostUid(), copy.resultDataUid(), copy.exitCode(),
                        resultFiles.apply(copy.resultDataUid())));
            } else if (copy.status() == WorkStatus.ERROR) {
                errors++;
                if (copy.verdict() == Verdict.PENDING) {
                    rows.setVerdict(c, copy.uid(), Verdict.FAILED);
                }
            } else if (copy.outstanding()) {
                outstanding++;
            }
        }
        Instant now = clock.instant();
        if (work.deleted()) {
            end(c, work, null, "cancelled: the work was deleted", now);
            return true;
        }
        Agreement agreement = new Agreement(results, Comparators.named(policy.comparator()));
        List<Agreement.Result> best = agreement.largest();
        if (best.size() >= policy.quorum()) {
            for (Agreement.Result r : results) {
                rows.setVerdict(c, r.copyUid(), best.contains(r) ? Verdict.VALID : Verdict.INVALID);
            }
            double seconds = Credits.lowestSeconds(c, best.stream().map(Agreement.Result::copyUid).toList());
            for (Agreement.Result r : best) {
                Credits.grant(c, r.hostUid(), seconds);
            }
            end(c, work, best.get(0), null, now);
            LOG.info("work {} certified: {} of {} results agree (quorum {}), canonical result from host {}", workUid,
                    best.size(), results.size(), policy.quorum(), best.get(0).hostUid());
            return true;
        }
        if (errors > policy.maxErrors()) {
            end(c, work, null, "too many errors: " + errors + " of " + copies.size() + " copies failed (at most "
                    + policy.maxErrors() + " allowed)", now);
            return true;
        }
        int missing = policy.quorum() - best.size() - outstanding;
        int room = policy.maxResults() - copies.size();
        if (missing > 0 && room > 0) {
            issue(c, workUid, Math.min(missing, room));
        } else if (missing > 0 && outstanding == 0) {
            end(c, work, null, "no quorum: " + results.size() + " results, " + agreement.distinct() + " distinct", now);
        }
        return true;
    }

    private void end(Connection c, CertificationRepository.Certified work, Agreement.Result canonical, String error,
                     Instant now) throws SQLException {
        boolean ended = canonical != null ? rows.complete(c, work, canonical, now) : rows.fail(c, work, error, now);
        if (!ended) {
            throw new IllegalStateException("work " + work.uid() + " changed while its row was locked");
        }
        if (error != null) {
            LOG.warn("work {} ends in ERROR: {}", work.uid(), error);
        }
        rows.withdrawOutstanding(c, work.uid());
        placements.forget(work.uid());
    }

    /** More copies of the work, queued like fresh submissions (a refill brings them once committed). */
    private void issue(Connection c, String workUid, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            rows.insertCopy(c, workUid, UUID.randomUUID().toString());
        }
        LOG.info("work {}: {} more cop{} issued, the results so far do not reach the quorum", workUid, count,
                count == 1 ? "y" : "ies");
        // Refilling reads committed rows only: one that starts before this commits sees the copies
        // at the next refresh (a second at most).
        refill.run();
    }

    /**
     * Validates the works with a copy that ended in ERROR without a report (its lease lost too
     * often), each in its own transaction; at start ({@code atStart}) also those with a result not
     * yet compared, in case a validation went wrong. Returns how many works were looked at.
     */
    public int sweep(boolean atStart) {
        List<String> due = jdbc.tx("find copies to validate", c -> {
            List<String> uids = new ArrayList<>(rows.withUncountedErrors(c, SWEEP_BATCH));
            if (atStart) {
                uids.addAll(rows.withUncheckedResults(c, Integer.MAX_VALUE));
            }
            return uids.stream().distinct().toList();
        });
        for (String workUid : due) {
            jdbc.tx("validate copies", c -> certify(c, workUid));
        }
        return due.size();
    }

    /** Reads where the copies still being certified went: called once at start, before dispatch. */
    public void loadPlacements() {
        jdbc.tx("read copy placements", c -> {
            rows.placements(c, placements);
            return null;
        });
        LOG.info("copies of {} replicated works placed on hosts before this start", placements.works());
    }

    /** The copies of a work the owner deletes go with it. */
    public void deleted(Connection c, String workUid) throws SQLException {
        rows.deleteCopies(c, workUid);
    }

    /** Records each work's replication policy (inserted as a batch, just before). */
    public void recordPolicy(Connection c, List<String> workUids, ReplicationPolicy policy) throws SQLException {
        rows.setPolicy(c, workUids, policy);
    }
}
