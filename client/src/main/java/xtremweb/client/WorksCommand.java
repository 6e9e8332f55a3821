package xtremweb.client;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.Works;
import xtremweb.client.api.XwClient;
import xtremweb.client.format.Column;
import xtremweb.client.format.Listing;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkView;

/**
 * {@code xwworks [UID...] [--xwstatus S] [--xwsession UID] [--xwgroup UID] [--xwformat F]}: the
 * caller's works and their status, all of them or those of one session or group (every user's for
 * an administrator, with an OWNER column naming each work's owner by login).
 */
@Command(footer = {"", "Examples:", "  xwworks                      # all your works", "  xwworks --xwstatus PENDING   # those no worker took yet", "  xwworks --xwsession SESSION_UID --xwformat csv"},
        name = "xwworks", aliases = {"--xwworks", "--xwgetworks", "works"},
        description = "Lists your works (all of them, or the given ones) with their status.")
final class WorksCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Option(names = "--xwstatus", paramLabel = "STATUS",
            description = "Only works in this status: ${COMPLETION-CANDIDATES}.")
    WorkStatus status;

    @Option(names = "--xwsession", paramLabel = "SESSION", description = "Only works inserted into this session (its UID or name).")
    String session;

    @Option(names = "--xwgroup", paramLabel = "GROUP", description = "Only works inserted into this group (its UID or name).")
    String group;

    @Parameters(paramLabel = "UID", arity = "0..*", description = "Works to show (default: all of yours).")
    List<String> uids = new ArrayList<>();

    /** Ten pages: what a client of a few hundred megabytes lists and lays out at once. */
    static final int LISTED_AT_MOST = 10 * WorkView.LISTED_AT_MOST;

    @Override
    public Integer call() {
        XwClient client = main.connect(globals);
        int exit = ExitCodes.OK;
        List<WorkView> works;
        if (uids.isEmpty()) {
            Optional<String> sessionUid = Optional.ofNullable(session)
                    .map(name -> GroupingNames.uid("session", name, client.sessions(), () -> client.me().uid()));
            Optional<String> groupUid = Optional.ofNullable(group)
                    .map(name -> GroupingNames.uid("group", name, client.groups(), () -> client.me().uid()));
            Works.Listing listing = client.works().listAll(Optional.ofNullable(status), sessionUid, groupUid, LISTED_AT_MOST);
            works = listing.works();
            if (!listing.complete()) {
                // On stderr, so the listing itself stays parseable.
                spec.commandLine().getErr().println("xtremweb.client: only the first " + works.size()
                        + " works submitted are listed; narrow the listing with --xwstatus, --xwsession or --xwgroup");
                spec.commandLine().getErr().flush();
            }
        } else {
            // Each UID on its own, as xwrm and xwchmod take them: one that is gone (deleted, a typo) is
            // named on stderr and the others are still listed; it used to hide them all.
            List<WorkView> found = new ArrayList<>();
            for (String uid : EachTarget.distinct(uids)) {
                try {
                    found.add(client.works().get(uid));
                } catch (XwConnectException e) {
                    throw e;
                } catch (RuntimeException e) {
                    ClientMain.printError(spec.commandLine(), e, globals.verbose);
                    exit = exit == ExitCodes.OK ? ExitCodes.of(e) : exit;
                }
            }
            works = found.stream().filter(this::selected).toList();
            if (found.isEmpty()) {
                return exit; // none is there: said on stderr, not an empty table as if it were
            }
        }
        List<Column<WorkView>> columns = new ArrayList<>();
        columns.add(Column.of("UID", WorkView::uid));
        if (works.stream().anyMatch(w -> !ownedBy(w, client.login()))) {
            columns.add(Column.of("OWNER", WorksCommand::owner));
        }
        columns.addAll(List.of(
                Column.<WorkView>of("STATUS", WorkView::status),
                Column.<WorkView>of("EXIT", WorkView::exitCode),
                Column.<WorkView>of("APP", w -> w.appName() != null ? w.appName() : w.appUid()),
                Column.<WorkView>of("LABEL", WorkView::label),
                Column.<WorkView>of("SUBMITTED", w -> w.submitted() == null ? null : w.submitted().truncatedTo(ChronoUnit.SECONDS))));
        if (works.stream().anyMatch(w -> w.status() == WorkStatus.ERROR)) {
            // Why a work could not run is what its owner asks first: said in the table, not only in
            // the csv/xml/json formats or by xwresult.
            columns.add(Column.of("REASON", w -> w.status() == WorkStatus.ERROR ? shortened(w.errorMessage()) : null));
        }
        new Listing<>("work", columns, works).print(spec.commandLine().getOut(), globals.format);
        spec.commandLine().getErr().flush();
        return exit;
    }

    /**
     * Whether the caller owns this work. A standard user lists only their own works, where an OWNER
     * column would repeat their login on every line; the column is shown once a listing holds
     * someone else's work (an administrator's listing, a shared work asked by UID), where it is
     * what tells the lines apart. Programs read the csv, xml or json formats, which always carry
     * both {@code ownerUid} and {@code ownerLogin}.
     */
    private static boolean ownedBy(WorkView w, String login) {
        return login != null && w.ownerLogin() != null && login.equalsIgnoreCase(w.ownerLogin());
    }

    /** A reason on one table line: at most {@value #REASON_WIDTH} characters, the whole text in the other formats. */
    private static String shortened(String reason) {
        if (reason == null) {
            return null;
        }
        String line = reason.strip().replaceAll("\\s+", " ");
        return line.length() <= REASON_WIDTH ? line : line.substring(0, REASON_WIDTH - 3) + "...";
    }

    private static final int REASON_WIDTH = 72;

    private static String owner(WorkView w) {
        return w.ownerLogin() != null ? w.ownerLogin() : w.ownerUid();
    }

    private boolean selected(WorkView w) {
        // A UID typed in capitals names the same session or group (UIDs are lowercase).
        return (status == null || w.status() == status) && (session == null || session.equalsIgnoreCase(w.sessionUid()))
                && (group == null || group.equalsIgnoreCase(w.groupUid()));
    }
}
