package xtremweb.gui.grid;

import java.awt.event.KeyEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.swing.Action;
import xtremweb.common.wire.HostView;
import xtremweb.gui.frame.Actions;
import xtremweb.gui.frame.ListTab;
import xtremweb.gui.frame.Noun;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.look.Tone;
import xtremweb.gui.session.Owners;
import xtremweb.gui.session.Session;
import xtremweb.gui.table.Badge;
import xtremweb.gui.table.Column;
import xtremweb.gui.table.Size;

/**
 * The workers tab: the hosts the user may see (its own for an ADVANCED_USER, all for an
 * administrator), alive or silent, switched on or off; switching one off keeps new work away from it.
 */
public final class WorkersTab extends ListTab<HostView> {
    private final Session session;
    private final Owners owners;
    private final Action on;
    private final Action off;

    public WorkersTab(Shell shell, Session session, Owners owners) {
        super(shell, "workers", new Noun("worker", "workers"), columns(owners), HostView::uid);
        this.session = session;
        this.owners = owners;
        on = Actions.of("Switch o&n", null, "Let the selected workers get work again", e -> activate(true));
        off = Actions.of("S&witch off", null, "Give the selected workers no new work (what they run goes on)",
                e -> activate(false));
        tool(on);
        tool(off);
        rows.contextMenu(List.of(on, off));
        rows.onSelection(this::enableActions);
        enableActions();
    }

    private static List<Column<HostView>> columns(Owners owners) {
        return List.of(
                Column.of("Name", String.class, HostView::name, 16, "The worker's host name"),
                Column.of("Owner", String.class, h -> owners.login(h.ownerUid()), 10, "The account the worker runs under"),
                Column.of("Platform", String.class, h -> h.os() + "/" + h.cpu(), 12, "Its OS and CPU"),
                Column.of("CPUs", Integer.class, HostView::cpuCount, 5, "How many CPUs it has"),
                Column.of("Memory", Size.class, h -> new Size(h.memory()), 8, "Its memory"),
                Column.of("Alive", Badge.class, WorkersTab::alive, 8, "Alive: seen recently; silent: not heard from lately"),
                Column.of("Enabled", Badge.class, WorkersTab::enabled, 8, "Switched off: it gets no new work"),
                Column.of("Last seen", Instant.class, HostView::lastAlive, 15, "When it last called the server (local time)"),
                Column.uid(HostView::uid, "The host's unique identifier (xwsendwork --xwexpectedhost)"));
    }

    private static Badge alive(HostView host) {
        return host.active() ? new Badge("alive", Tone.GOOD, 1) : new Badge("silent", Tone.MUTED, 0);
    }

    private static Badge enabled(HostView host) {
        return host.enabled() ? new Badge("on", Tone.GOOD, 1) : new Badge("off", Tone.BAD, 0);
    }

    @Override
    public String title() {
        return "Workers";
    }


    @Override
    public String tooltip() {
        return "The workers (volunteer hosts) you may see, and switching them on or off";
    }

    @Override
    public Duration refreshEvery() {
        return Duration.ofSeconds(5);
    }

    @Override
    protected List<HostView> load() {
        owners.refresh();
        return session.client().hosts().list();
    }

    @Override
    protected void loaded() {
        enableActions();
    }

    @Override
    protected String emptyHint() {
        if (!loadedOnce()) {
            return "Loading the workers...";
        }
        if (session.may().superUser()) {
            return "No worker has registered yet.\nStart one with bin/xtremweb.worker start on a volunteer's machine"
                    + " (see README: running a worker).";
        }
        return session.may().maySeeHosts()
                ? "None of your workers has registered yet.\nA worker started with your login appears here"
                        + " (bin/xtremweb.worker start)."
                : "Workers are listed for ADVANCED_USER accounts (their own) and administrators (all).\nYour works"
                        + " still show the host that ran them in the Works tab.";
    }

    private void enableActions() {
        List<HostView> selected = rows.selected();
        boolean allowed = !selected.isEmpty() && selected.stream().allMatch(h -> session.may().mayManageHost(h.ownerUid()));
        String why = selected.isEmpty() ? "select workers" : "only their owner or an administrator may";
        Actions.allow(on, allowed && selected.stream().anyMatch(h -> !h.enabled()), "Let the selected workers get work again",
                allowed ? "they are on" : why);
        Actions.allow(off, allowed && selected.stream().anyMatch(HostView::enabled),
                "Give the selected workers no new work (what they run goes on)", allowed ? "they are off" : why);
    }

    private void activate(boolean enabled) {
        List<HostView> selected = rows.selected();
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "the worker " + selected.get(0).name() : selected.size() + " workers";
        shell.background().run("Switching " + what + (enabled ? " on" : " off"), progress -> {
            selected.forEach(h -> session.client().hosts().activate(h.uid(), enabled));
            return selected.size();
        }, n -> {
            shell.status().say("Switched " + what + (enabled ? " on" : " off"));
            refresh(false);
        });
    }
}
