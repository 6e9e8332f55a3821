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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
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
    private final DoubleSupplier random;
    private final Function<String, ResultComparator> comparators;

    /**
     * {@code resultFiles} finds a result's file by its data UID; {@code refill} asks the ready queue
     * to read the database again (new copies were queued); {@code limits} is how much of each result
     * the built-in comparators expand (the server's configuration).
     */
    public Certifier(Jdbc jdbc, Function<String, Path> resultFiles, Runnable refill, CopyPlacements placements, Clock clock,
                     ComparisonLimits limits) {
        this(jdbc, resultFiles, refill, placements, clock, () -> ThreadLocalRandom.current().nextDouble(),
                Comparators.limitedTo(limits));
    }

    /** With the draws that decide spot checks ({@code random}: uniform in [0, 1)), which tests choose. */
    Certifier(Jdbc jdbc, Function<String, Path> resultFiles, Runnable refill, CopyPlacements placements, Clock clock,
              DoubleSupplier random) {
        this(jdbc, resultFiles, refill, placements, clock, random, Comparators::named);
    }

    /** With the comparator of each name ({@code comparators}; tests choose them, e.g. with lower limits). */
    Certifier(Jdbc jdbc, Function<String, Path> resultFiles, Runnable refill, CopyPlacements placements, Clock clock,
              DoubleSupplier random, Function<String, ResultComparator> comparators) {
        this.comparators = comparators;
        this.random = random;
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
        if (locked.isEmpty()) {
            return false;
        }
        CertificationRepository.Certified work = locked.get();
        ReplicationPolicy policy = work.policy();
        List<CertificationRepository.Copy> copies = rows.copies(c, workUid);
        boolean recheck = work.status() == WorkStatus.COMPLETED && copies.stream().anyMatch(CertificationRepository.Copy::underRecheck);
        if (!recheck && work.status() != WorkStatus.RUNNING && work.status() != WorkStatus.PENDING) {
            return false;
        }
        List<Agreement.Result> results = new ArrayList<>();
        Agreement.Result rechecked = null;
        int errors = 0;
        int outstanding = 0;
        for (CertificationRepository.Copy copy : copies) {
            if (copy.hasResult()) {
                if (copy.verdict() != Verdict.INVALID && copy.verdict() != Verdict.UNCHECKED) {
                    Agreement.Result result = new Agreement.Result(copy.uid(), copy.hostUid(), copy.resultDataUid(),
                            copy.exitCode(), resultFiles.apply(copy.resultDataUid()));
                    results.add(result);
                    if (copy.underRecheck()) {
                        rechecked = result;
                    }
                }
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
        if (recheck) {
            return recheck(c, work, results, rechecked, outstanding);
        }
        if (policy.adaptive() && copies.size() == 1 && results.size() == 1 && errors == 0) {
            Agreement.Result alone = results.get(0);
            int trust = rows.trust(c, alone.hostUid());
            if (random.getAsDouble() >= Trust.spotCheckRate(trust)) {
                rows.setVerdict(c, alone.copyUid(), Verdict.TRUSTED);
                Credits.grant(c, alone.hostUid(), Credits.lowestSeconds(c, List.of(alone.copyUid())));
                end(c, work, alone, null, now);
                Jdbc.afterCommit(() -> LOG.info("work {}: the result of host {} (trust {}) stands alone", workUid,
                        alone.hostUid(), trust));
                return true;
            }
        }
        Agreement agreement = new Agreement(results, comparators.apply(policy.comparator()));
        List<Agreement.Result> best = agreement.largest();
        if (best.size() >= policy.quorum()) {
            for (Agreement.Result r : results) {
                boolean valid = best.contains(r);
                rows.setVerdict(c, r.copyUid(), valid ? Verdict.VALID : Verdict.INVALID);
                rows.trusted(c, r.hostUid(), valid);
                if (!valid) {
                    caught(c, r.hostUid(), workUid);
                }
            }
            double seconds = Credits.lowestSeconds(c, best.stream().map(Agreement.Result::copyUid).toList());
            for (Agreement.Result r : best) {
                Credits.grant(c, r.hostUid(), seconds);
            }
            end(c, work, best.get(0), null, now);
            for (Agreement.Result r : results) {
                if (r != best.get(0)) {
                    rows.releaseResult(c, r.dataUid());
                }
            }
            // Said once committed: a server killed between this decision and its commit decides again
            // after its restart, and the log must not claim a certification that never happened.
            String canonicalHost = best.get(0).hostUid();
            int agreeing = best.size();
            int received = results.size();
            Jdbc.afterCommit(() -> LOG.info("work {} certified: {} of {} results agree (quorum {}), canonical result from host {}",
                    workUid, agreeing, received, policy.quorum(), canonicalHost));
            return true;
        }
        Optional<String> deletedApp = rows.deletedApp(c, workUid);
        if (deletedApp.isPresent()) {
            // No copy of a deleted app is issued (no worker would be given it): the copies still
            // running may yet make the quorum; once none is, the work ends saying why.
            if (outstanding == 0) {
                end(c, work, null, "app '" + deletedApp.get() + "' was deleted before the copies of this work reached"
                        + " its quorum (" + best.size() + " of " + policy.quorum() + " agreeing results); submit it again"
                        + " with an installed app (xwapps)", now);
            }
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
            end(c, work, null, "no quorum: " + results.size() + " results, " + agreement.distinct() + " distinct"
                    + agreement.notCompared().map(why -> " (" + why + ")").orElse(""), now);
        }
        return true;
    }

    /**
     * A work whose result stood alone on a host since caught: once the re-check copies are back, the
     * result is confirmed if they agree with it, else it is INVALID and the work goes back to
     * PENDING (its owner sees the result withdrawn) to be certified again from its other results.
     */
    private boolean recheck(Connection c, CertificationRepository.Certified work, List<Agreement.Result> results,
                            Agreement.Result rechecked, int outstanding) throws SQLException {
        if (outstanding > 0) {
            return true;
        }
        List<Agreement.Result> best = new Agreement(results, comparators.apply(work.policy().comparator())).largest();
        if (best.contains(rechecked) && best.size() >= work.policy().quorum()) {
            for (Agreement.Result r : best) {
                rows.setVerdict(c, r.copyUid(), Verdict.VALID);
                if (r != rechecked) {
                    rows.releaseResult(c, r.dataUid());
                }
            }
            forgetOnceCommitted(work.uid());
            Jdbc.afterCommit(() -> LOG.info("work {}: its result, accepted alone from a host since caught, is confirmed",
                    work.uid()));
            return true;
        }
        rows.setVerdict(c, rechecked.copyUid(), Verdict.INVALID);
        rows.releaseResult(c, rechecked.dataUid());
        String why = "result withdrawn: host " + rechecked.hostUid() + ", whose result stood alone on its trust, was caught"
                + " returning a false result and the re-check disagreed; computing it again";
        if (!rows.reopen(c, work, why)) {
            throw new IllegalStateException("work " + work.uid() + " changed while its row was locked");
        }
        Jdbc.afterCommit(() -> LOG.warn("work {}: {}", work.uid(), why));
        return certify(c, work.uid());
    }

    /**
     * A host returned a false result: every result it delivered on its trust alone is re-verified,
     * by as many new copies as its work's quorum needs besides it, on other hosts.
     */
    private void caught(Connection c, String hostUid, String workUid) throws SQLException {
        List<String[]> alone = rows.acceptedAlone(c, hostUid);
        if (alone.isEmpty()) {
            return;
        }
        String owner = rows.hostOwner(c, hostUid);
        for (String[] copyAndWork : alone) {
            String other = copyAndWork[1];
            Optional<CertificationRepository.Certified> w = other.equals(workUid) ? Optional.empty() : rows.lock(c, other);
            rows.setVerdict(c, copyAndWork[0], Verdict.RECHECK);
            if (w.isPresent()) {
                String copyUid = copyAndWork[0];
                Jdbc.afterCommit(() -> placements.placed(other, copyUid, hostUid, owner));
                issue(c, other, Math.max(1, w.get().policy().quorum() - 1));
            }
        }
        int reverified = alone.size();
        Jdbc.afterCommit(() -> LOG.warn("host {} returned a false result for work {}: all trust lost, {} results it delivered"
                + " alone are re-verified", hostUid, workUid, reverified));
    }

    private void end(Connection c, CertificationRepository.Certified work, Agreement.Result canonical, String error,
                     Instant now) throws SQLException {
        boolean ended = canonical != null ? rows.complete(c, work, canonical, now) : rows.fail(c, work, error, now);
        if (!ended) {
            throw new IllegalStateException("work " + work.uid() + " changed while its row was locked");
        }
        if (error != null) {
            Jdbc.afterCommit(() -> LOG.warn("work {} ends in ERROR: {}", work.uid(), error));
        }
        rows.withdrawOutstanding(c, work.uid());
        forgetOnceCommitted(work.uid());
    }

    /**
     * The work's placements go once its end is committed: certification runs inside transactions
     * that a deadlock may roll back and run again, and a work still running must keep its copies
     * apart meanwhile.
     */
    private void forgetOnceCommitted(String workUid) {
        Jdbc.afterCommit(() -> placements.forget(workUid));
    }

    /** More copies of the work, queued like fresh submissions (a refill brings them once committed). */
    private void issue(Connection c, String workUid, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            rows.insertCopy(c, workUid, UUID.randomUUID().toString());
        }
        // Refilling reads committed rows only: asked once the copies are committed (an attempt rolled
        // back by a deadlock and run again issues them again, and is the one that counts).
        Jdbc.afterCommit(() -> {
            LOG.info("work {}: {} more cop{} issued, the results so far do not reach the quorum", workUid, count,
                    count == 1 ? "y" : "ies");
            refill.run();
        });
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
