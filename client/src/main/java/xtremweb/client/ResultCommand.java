package xtremweb.client;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.Outages;
import xtremweb.client.api.Uids;
import xtremweb.client.api.XwClient;
import xtremweb.client.result.ResultRetriever;
import xtremweb.client.sweep.ParameterFile;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkView;

/**
 * {@code xwresult [UID...]}: downloads the results of COMPLETED works into {@code <out>/<uid>.zip},
 * extracts them into {@code <out>/<uid>/} and erases the works on the server once the result is safe on disk.
 */
@Command(footer = {"", "Examples:", "  xwresult WORK_UID            # into ./WORK_UID/, then erase the work", "  xwresult --xwwait 600 UID1 UID2  # each as it ends, for up to 10 min", "  xwresult --xwnoerase --xwout results  # all your COMPLETED works", "  xwresult --xwwait 3600            # and each of your running works as it ends"},
        name = "xwresult", aliases = {"--xwresult", "--xwresults", "xwresults", "result"},
        description = {"Downloads, checks and extracts the results of your works, then erases the works on the server.",
                "Without UIDs: every COMPLETED work of yours; with --xwwait, also each of yours not ended yet, as it ends."})
final class ResultCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Option(names = "--xwout", paramLabel = "DIR", defaultValue = ".", description = "Where to store results (default: here).")
    Path out;

    @Option(names = "--xwnoextract", description = "Keep the result zip, do not extract it.")
    boolean noExtract;

    @Option(names = "--xwrmzip", description = "Remove the zip once extracted.")
    boolean removeZip;

    @Option(names = "--xwnoerase", description = "Do not delete the work on the server afterwards.")
    boolean noErase;

    @Option(names = "--xwoverride", description = "Download and extract again even if the result is already here.")
    boolean override;

    @Option(names = "--xwwait", paramLabel = "SECONDS", description = {"Wait up to SECONDS for the works to finish,"
            + " all at once: each result is fetched as soon as its work ends."})
    Integer waitSeconds;

    @Parameters(paramLabel = "UID", arity = "0..*", description = "Works whose results to fetch (default: all COMPLETED ones).")
    List<String> uids = new ArrayList<>();

    /** The exit code so far: the first failure's, kept whatever follows. */
    private int exit;

    /** The caller's UID, when works are to be erased. */
    private String me;

    /** When waiting: the client, the clock and the end of the wait, through which a result's download outlives a server restart. */
    private XwClient client;
    private Clock clock;
    private Instant deadline;

    /** While waiting: what a Ctrl-C says is left on the server. */
    private StoppedWhileWaiting stopped;

    @Override
    public Integer call() {
        if (waitSeconds != null && waitSeconds < 0) {
            throw new IllegalArgumentException("--xwwait must be zero or more seconds, not " + waitSeconds);
        }
        uids.forEach(Uids::require);
        Instant waitEnds = Instant.now().plusSeconds(waitSeconds == null ? 0 : waitSeconds);
        XwClient client = waitSeconds == null ? main.connect(globals) : connectWaiting(waitEnds);
        client.notices(notice -> {
            spec.commandLine().getErr().println("xtremweb.client: " + ExitCodes.printable(notice));
            spec.commandLine().getErr().flush();
        });
        // Only the caller's own works are erased: another user's work readable by the caller (a public
        // one, or any for a SUPER_USER) is fetched and left to its owner.
        me = noErase && !uids.isEmpty() ? null : waitSeconds == null ? client.me().uid()
                : client.throughOutages(client::me, waitEnds, Clock.systemUTC()).uid();
        ResultRetriever retriever = new ResultRetriever(client);
        ResultRetriever.Options options = new ResultRetriever.Options(out, !noExtract, !noErase, removeZip && !noExtract, override);
        // Without UIDs, the caller's own works (a SUPER_USER's listing holds everybody's): those
        // COMPLETED, and with --xwwait also those not ended yet, each fetched as it ends.
        List<String> targets = uids.isEmpty() ? own(client, waitSeconds != null) : EachTarget.distinct(uids);
        if (uids.isEmpty() && targets.isEmpty()) {
            sayNothingToFetch(client);
        }
        exit = ExitCodes.OK;
        try (StoppedWhileWaiting stopped = waitSeconds == null ? null
                : new StoppedWhileWaiting(uids, ParameterFile.line(again()), spec.commandLine().getErr())) {
            this.stopped = stopped;
            fetchAll(client, retriever, options, targets);
        }
        spec.commandLine().getErr().flush();
        return exit;
    }

    /**
     * The command that fetches later what a stopped wait did not (without the UIDs): this one's
     * options, the configuration given before the command's name included.
     */
    private List<String> again() {
        List<String> words = new ArrayList<>(List.of("xwresult"));
        globals.config().or(main::topConfig).ifPresent(config -> words.addAll(List.of("--xwconfig", config.toString())));
        words.addAll(List.of("--xwwait", String.valueOf(waitSeconds)));
        if (!out.equals(Path.of("."))) {
            words.addAll(List.of("--xwout", out.toString()));
        }
        for (var flag : List.of(Map.entry("--xwnoextract", noExtract), Map.entry("--xwrmzip", removeZip),
                Map.entry("--xwnoerase", noErase), Map.entry("--xwoverride", override))) {
            if (flag.getValue()) {
                words.add(flag.getKey());
            }
        }
        return words;
    }

    private void fetchAll(XwClient client, ResultRetriever retriever, ResultRetriever.Options options, List<String> targets) {
        this.client = client;
        clock = Clock.systemUTC();
        deadline = clock.instant().plusSeconds(waitSeconds == null ? 0 : waitSeconds);
        List<String> oneByOne = waitSeconds != null && targets.size() > 1
                ? awaitTogether(client, targets, deadline, clock, ended -> {
                    // The results of the works that ended together come in one call.
                    Set<String> fetched = retriever.prefetch(ended, options);
                    ended.forEach(work -> fetch(retriever, options, work.uid(), () -> work, fetched.contains(work.uid())));
                })
                : targets;
        try {
            for (String uid : oneByOne) {
                fetch(retriever, options, uid, () -> {
                    Duration left = Duration.between(clock.instant(), deadline);
                    try {
                        return waitSeconds == null ? client.works().get(uid)
                                : client.works().awaitFinal(uid, left.isNegative() ? Duration.ZERO : left, clock);
                    } catch (XwApiException e) {
                        throw notAWork(client, uid, e);
                    }
                }, false);
            }
        } catch (SessionRefused e) {
            // Said once already: every further call would be refused the same way.
        }
    }

    /**
     * A work not found whose UID names one of the caller's sessions or groups: said as such, with
     * the listing of its works, rather than "no work X" (which reads as if it were lost).
     */
    private static XwApiException notAWork(XwClient client, String uid, XwApiException e) {
        if (e.status() != 404) {
            return e;
        }
        String bare = Uids.require(uid);
        for (String kind : List.of("session", "group")) {
            try {
                var grouping = (kind.equals("session") ? client.sessions() : client.groups()).list().stream()
                        .filter(g -> g.uid().equals(bare)).findFirst();
                if (grouping.isPresent()) {
                    return new XwApiException(404, e.code(), bare + " is a " + kind + " ('" + grouping.get().name()
                            + "'), not a work: xwresult takes works; list its works with xwworks --xw" + kind + " " + bare
                            + " and give their UIDs to xwresult");
                }
            } catch (RuntimeException lookup) {
                // cannot tell: the server's own "no work" stands
            }
        }
        return e;
    }

    /**
     * With --xwwait, logging in outlives a server that cannot serve yet (stopped or restarting; its
     * database stopped: 503; a proxy before a stopped server: 502) as the wait itself does: tried
     * again with a growing pause (1, 2, 4, then 5 s) until the wait ends, said once. Without this, a
     * sweep's xwresult started while the database was down ended at once with exit 1.
     */
    private XwClient connectWaiting(Instant waitEnds) {
        return Outages.waitThrough(notice -> {
            spec.commandLine().getErr().println("xtremweb.client: " + ExitCodes.printable(notice));
            spec.commandLine().getErr().flush();
        }, "the server", () -> main.connect(globals), waitEnds, Clock.systemUTC());
    }

    /**
     * Waits for all the works with one long poll at a time, fetching each result as its work ends;
     * answers the works to take one by one after: those not ended in time (to report their state),
     * or, should the wait together fail (a work that cannot be seen makes the server refuse the
     * whole call), every one not fetched yet, each then waited for and its error reported alone;
     * none when the session itself was refused (401 once logging in again failed: one line says so).
     */
    private List<String> awaitTogether(XwClient client, List<String> targets, Instant deadline, Clock clock,
                                       Consumer<List<WorkView>> fetch) {
        Set<String> ended = new HashSet<>();
        try {
            return client.works().awaitEachTogether(targets, Duration.between(clock.instant(), deadline), clock, together -> {
                together.forEach(work -> ended.add(work.uid()));
                fetch.accept(together);
            });
        } catch (SessionRefused e) {
            return List.of();
        } catch (XwApiException e) {
            if (e.status() == 401) {
                refused(e);
                return List.of();
            }
            return targets.stream().filter(uid -> !ended.contains(Uids.require(uid))).toList();
        }
    }

    /** Reads the work, then downloads its result if COMPLETED (unless {@code fetched} with others); says why not otherwise. */
    private void fetch(ResultRetriever retriever, ResultRetriever.Options options, String uid, Supplier<WorkView> read,
                       boolean fetched) {
        try {
            fetchOne(retriever, options, uid, read, fetched);
        } finally {
            if (stopped != null) {
                stopped.handled(uid);
            }
        }
    }

    private void fetchOne(ResultRetriever retriever, ResultRetriever.Options options, String uid, Supplier<WorkView> read,
                          boolean fetched) {
        try {
            WorkView work = read.get();
            if (work.status() == WorkStatus.ERROR) {
                spec.commandLine().getErr().println("xtremweb.client: work " + work.uid() + " ended in ERROR: "
                        + (work.errorMessage() == null ? "no reason given" : work.errorMessage()));
                failed(ExitCodes.FAILURE);
                return;
            }
            if (work.status() != WorkStatus.COMPLETED) {
                spec.commandLine().getErr().println("xtremweb.client: work " + work.uid() + " is " + work.status()
                        + (waitSeconds == null ? ", its result is not ready; wait for it with --xwwait SECONDS"
                        : " still after " + waitSeconds + " s, its result is not ready; wait longer with a larger --xwwait")
                        + (work.status() == WorkStatus.PENDING
                        ? " (no worker has taken it yet: xwworkers lists the hosts, and a private app runs only on its owner's)"
                        : ""));
                failed(ExitCodes.FAILURE);
                return;
            }
            boolean keep = options.erase() && !work.ownerUid().equals(me);
            ResultRetriever.Options these = keep ? new ResultRetriever.Options(options.outDir(), options.extract(), false,
                    options.removeZip(), options.override()) : options;
            // A download cut by a server restart resumes where it stopped once the server is back. An
            // attempt the restart cut after extracting (erasing the work, say) left this run's own
            // extraction behind: the next attempt extracts over it.
            // An erasure the server committed before it died is not an error the second time.
            ResultRetriever.Options again = new ResultRetriever.Options(these.outDir(), these.extract(), false,
                    these.removeZip(), true);
            boolean[] tried = {false};
            Path where = waitSeconds == null ? retriever.retrieve(work, these, fetched)
                    : client.throughOutages(() -> {
                        if (!tried[0]) {
                            tried[0] = true;
                            return retriever.retrieve(work, these, fetched);
                        }
                        Path extracted = retriever.retrieve(work, again, fetched);
                        if (these.erase()) {
                            eraseAgain(client, work.uid());
                        }
                        return extracted;
                    }, deadline, clock);
            if (keep) {
                spec.commandLine().getErr().println("xtremweb.client: work " + work.uid() + " belongs to user "
                        + (work.ownerLogin() != null ? "'" + work.ownerLogin() + "'" : work.ownerUid())
                        + ", not to you: its result is fetched and the work left on the server");
            }
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(work.uid() + " COMPLETED exit=" + (work.exitCode() == null ? "?" : work.exitCode()) + " -> " + where);
            stdout.flush();
            sayIfTheAppFailed(work, where);
        } catch (XwConnectException e) {
            throw e;
        } catch (XwApiException e) {
            if (e.status() == 401) {
                refused(e);
                throw new SessionRefused();
            }
            if (e.status() == 404 && uids.isEmpty() && erasedSinceListed(uid)) {
                // Not one of the works asked for, but one of "all yours" that another xwresult (a
                // second terminal, a script) or an xwrm took meanwhile: nothing of it is lost here.
                spec.commandLine().getErr().println("xtremweb.client: work " + Uids.require(uid) + " was erased from the server"
                        + " since it was listed (by another xwresult or an xwrm of yours): no result to fetch for it");
                return;
            }
            ClientMain.printError(spec.commandLine(), e, globals.verbose);
            failed(ExitCodes.of(e));
        } catch (RuntimeException e) {
            ClientMain.printError(spec.commandLine(), e, globals.verbose);
            failed(ExitCodes.of(e));
        }
    }

    /**
     * A work whose app exited with another code than 0 is COMPLETED all the same (the grid did its
     * part), and "exit=2" at the end of a line went unnoticed: said on stderr, with where the app's
     * own words are. The exit code stays 0: the result was fetched, as asked.
     */
    private void sayIfTheAppFailed(WorkView work, Path where) {
        if (work.exitCode() == null || work.exitCode() == 0) {
            return;
        }
        Path stderr = where.resolve("stderr.txt");
        spec.commandLine().getErr().println("xtremweb.client: the app of work " + work.uid() + " exited with code " + work.exitCode()
                + (java.nio.file.Files.isRegularFile(stderr) ? "; what it said is in " + stderr : "; what it said is in the"
                + " stderr.txt of its result " + where));
        spec.commandLine().getErr().flush();
    }

    /** Whether the work is no longer on the server (404), rather than only its result being unreadable. */
    private boolean erasedSinceListed(String uid) {
        try {
            client.works().get(uid);
            return false;
        } catch (XwApiException e) {
            return e.status() == 404;
        }
    }

    /** Erases a work once more: gone already (the erasure committed before the server died) is erased. */
    private static void eraseAgain(XwClient client, String uid) {
        try {
            client.works().delete(uid);
        } catch (XwApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /**
     * The session is gone and logging in again was refused (the user removed, the password
     * changed): said in one line, and nothing more is asked, since every call would be refused too
     * (the client no longer holds a token, so the next refusals would only say "log in first").
     */
    private void refused(XwApiException e) {
        ClientMain.printError(spec.commandLine(), e, globals.verbose);
        failed(ExitCodes.of(e));
    }

    /** Ends the fetching once {@link #refused} has spoken. */
    private static final class SessionRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionRefused() {
            super(null, null, false, false);
        }
    }

    private void failed(int code) {
        exit = exit == ExitCodes.OK ? code : exit;
    }

    /** The caller's own COMPLETED works, page after page, up to the listing's limit (said on stderr when reached). */
    /**
     * Without UIDs and no COMPLETED work, xwresult printed nothing and exited 0, with or without
     * --xwwait (which waits for the works named only): said on stderr, with the works not ended yet
     * and how to wait for them, so that a new user does not take silence for "no results, ever".
     */
    private void sayNothingToFetch(XwClient client) {
        long notEnded = client.works().listAll(Optional.empty(), Optional.empty(), Optional.empty(), WorksCommand.LISTED_AT_MOST)
                .works().stream().filter(w -> me.equals(w.ownerUid()) && !w.status().isFinal()).count();
        PrintWriter err = spec.commandLine().getErr();
        err.println("xtremweb.client: no COMPLETED work of yours to fetch" + (notEnded == 0 ? "" : "; " + notEnded
                + (notEnded == 1 ? " of your works has not ended" : " of your works have not ended")
                + " (xwworks lists them): xwresult --xwwait SECONDS waits for them")
                + (waitSeconds != null ? ", and none is left to wait for" : ""));
        err.flush();
    }

    /** The caller's own COMPLETED works, and those not ended yet when {@code unendedToo}, page after page. */
    private List<String> own(XwClient client, boolean unendedToo) {
        xtremweb.client.api.Works.Listing listing = client.works().listAll(unendedToo ? Optional.empty() : Optional.of(WorkStatus.COMPLETED),
                Optional.empty(), Optional.empty(), WorksCommand.LISTED_AT_MOST);
        if (!listing.complete()) {
            spec.commandLine().getErr().println("xtremweb.client: only the results of the first " + listing.works().size()
                    + (unendedToo ? " works" : " COMPLETED works") + " are fetched; run xwresult again for the others");
            spec.commandLine().getErr().flush();
        }
        return listing.works().stream().filter(w -> me.equals(w.ownerUid()))
                .filter(w -> w.status() == WorkStatus.COMPLETED || unendedToo && !w.status().isFinal())
                .map(WorkView::uid).toList();
    }
}
