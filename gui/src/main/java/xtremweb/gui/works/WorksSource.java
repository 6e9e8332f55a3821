package xtremweb.gui.works;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import xtremweb.client.api.Works;
import xtremweb.client.api.XwClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.WorkView;

/**
 * Loads the works table, off the event thread: the works, and to show where each ran, the latest
 * task of each (the tasks are fetched again only when some work left PENDING or changed status),
 * the host names the user may see, and the names of sessions and groups. Refreshes never overlap.
 * The works are read page by page (a server answers at most {@link WorkView#LISTED_AT_MOST} a
 * call), up to {@link #SHOWN_AT_MOST}: a scientist with a large sweep sees all of it.
 */
final class WorksSource {
    /** The most works the table holds: beyond it the oldest are shown and the status bar says so. */
    static final int SHOWN_AT_MOST = 10 * WorkView.LISTED_AT_MOST;

    private final XwClient client;
    private final Map<String, String> hostOfWork = new HashMap<>();
    private final Map<String, String> hostNames = new HashMap<>();
    private Map<String, String> sessionNames = Map.of();
    private Map<String, String> groupNames = Map.of();
    private List<GroupingView> sessions = List.of();
    private List<GroupingView> groups = List.of();
    private int tasksSignature;
    private long hostsLoaded;
    private boolean complete = true;

    WorksSource(XwClient client) {
        this.client = client;
    }

    synchronized List<WorkRow> load() {
        Works.Listing listing = client.works().listAll(Optional.empty(), Optional.empty(), Optional.empty(), SHOWN_AT_MOST);
        complete = listing.complete();
        List<WorkView> works = listing.works();
        int signature = works.stream().filter(w -> w.status() != WorkStatus.PENDING)
                .mapToInt(w -> Objects.hash(w.uid(), w.status())).sum();
        if (signature != tasksSignature) {
            tasksSignature = signature;
            hostOfWork.clear();
            client.hosts().tasks().stream().filter(t -> t.started() != null)
                    .sorted(Comparator.comparing(TaskView::started))
                    .forEach(t -> hostOfWork.put(t.workUid(), t.hostUid()));
        }
        boolean unknownHost = hostOfWork.values().stream().anyMatch(uid -> !hostNames.containsKey(uid));
        if (hostsLoaded == 0 || (unknownHost && System.nanoTime() - hostsLoaded > 60_000_000_000L)) {
            hostsLoaded = System.nanoTime();
            client.hosts().list().forEach(h -> hostNames.put(h.uid(), name(h)));
        }
        sessions = client.sessions().list();
        groups = client.groups().list();
        sessionNames = names(sessions);
        groupNames = names(groups);
        return works.stream().map(w -> new WorkRow(w, hostName(hostOfWork.get(w.uid())),
                w.sessionUid() == null ? "" : sessionNames.getOrDefault(w.sessionUid(), shortUid(w.sessionUid())),
                w.groupUid() == null ? "" : groupNames.getOrDefault(w.groupUid(), shortUid(w.groupUid())))).toList();
    }

    /** False when the last listing left works out (more than the table holds, or a server that cannot page). */
    synchronized boolean complete() {
        return complete;
    }

    synchronized List<GroupingView> sessions() {
        return sessions;
    }

    synchronized List<GroupingView> groups() {
        return groups;
    }

    /** Host names seen so far, by UID (for the submit dialog's expected host). */
    synchronized Map<String, String> hostNames() {
        return Map.copyOf(hostNames);
    }

    private String hostName(String uid) {
        if (uid == null) {
            return "";
        }
        return hostNames.getOrDefault(uid, shortUid(uid));
    }

    private static String name(HostView host) {
        return host.name() == null || host.name().isBlank() ? shortUid(host.uid()) : host.name();
    }

    private static Map<String, String> names(List<GroupingView> groupings) {
        Map<String, String> names = new HashMap<>();
        groupings.forEach(g -> names.put(g.uid(), g.name()));
        return names;
    }

    /** The first block of a UID: enough to tell objects apart on screen. */
    static String shortUid(String uid) {
        int dash = uid.indexOf('-');
        return dash > 0 ? uid.substring(0, dash) : uid;
    }
}
