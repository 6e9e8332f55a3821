package xtremweb.gui.data;

import java.awt.datatransfer.DataFlavor;
import java.awt.event.KeyEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.swing.Action;
import javax.swing.JOptionPane;
import javax.swing.TransferHandler;
import xtremweb.client.api.Inputs;
import xtremweb.common.model.DataStatus;
import xtremweb.common.wire.DataView;
import xtremweb.gui.files.LocalFiles;
import xtremweb.gui.frame.Actions;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.frame.ListTab;
import xtremweb.gui.frame.Noun;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.look.Tone;
import xtremweb.gui.rights.RightsDialog;
import xtremweb.gui.session.Owners;
import xtremweb.gui.session.Session;
import xtremweb.gui.table.Badge;
import xtremweb.gui.table.Column;
import xtremweb.gui.table.Size;

/**
 * The data tab: the data the user may read. Files dropped on the table (or chosen with "Insert")
 * are uploaded with progress, as {@code xwsenddata} does; download, rights and deletion are offered
 * where the user's rights allow them.
 */
public final class DataTab extends ListTab<DataView> {
    private final Session session;
    private final Owners owners;
    private final Action insert;
    private final Action download;
    private final Action chmod;
    private final Action delete;

    public DataTab(Shell shell, Session session, Owners owners) {
        super(shell, "data", new Noun("data", "data"), columns(owners), DataView::uid);
        this.session = session;
        this.owners = owners;
        insert = Actions.of("&Insert files...", Actions.shortcut(KeyEvent.VK_N),
                "Upload files as data (or drop them on the table)", e -> upload(LocalFiles.chooseFiles(shell.window(),
                        shell.prefs(), "uploads", "Files to upload", true)));
        download = Actions.of("&Download...", Actions.shortcut(KeyEvent.VK_D), "Save the selected data as a file",
                e -> download());
        chmod = Actions.of("Change ri&ghts...", null, "Who else may read or use the selected data", e -> chmod());
        delete = Actions.of("D&elete", Actions.key(KeyEvent.VK_DELETE),
                "Delete the selected data (kept while a work still needs it)", e -> delete());
        if (session.may().mayInsert()) {
            tool(insert);
            rows.table().setTransferHandler(new DropFiles());
        }
        tool(download);
        tool(chmod);
        tool(delete);
        rows.onOpen(download);
        rows.bind(Actions.shortcut(KeyEvent.VK_D), download);
        rows.bind(Actions.key(KeyEvent.VK_DELETE), delete);
        rows.contextMenu(List.of(download, chmod, delete));
        rows.onSelection(this::enableActions);
        enableActions();
    }

    /** Wide enough for a result's whole name, its work's UID and ".zip": cut, the results could not be told apart. */
    static final int NAME_CHARS = Column.UID_CHARS + ".zip".length();

    static List<Column<DataView>> columns(Owners owners) {
        return List.of(
                Column.of("Name", String.class, DataView::name, NAME_CHARS, "The data's name"),
                Column.of("Type", String.class, DataView::type, 7, "TEXT, BINARY, ZIP..."),
                Column.of("Size", Size.class, d -> d.size() == null ? null : new Size(d.size()), 8, "Its size"),
                Column.of("Status", Badge.class, DataTab::status, 15, "AVAILABLE once its content arrived"),
                Column.of("Rights", String.class, DataView::accessRights, 7, "0x755 public, 0x750 group, 0x700 private"),
                Column.of("Owner", String.class, d -> owners.login(d.ownerUid()), 10, "Who inserted it"),
                Column.of("Inserted", Instant.class, DataView::created, 15, "When it was inserted (local time)"),
                Column.uid(DataView::uid, "The data's unique identifier (xwsendwork --xwstdin UID)"));
    }

    private static Badge status(DataView data) {
        return data.status() == DataStatus.AVAILABLE ? new Badge("AVAILABLE", Tone.GOOD, 1)
                : new Badge(String.valueOf(data.status()), Tone.WAITING, 0);
    }

    @Override
    public String title() {
        return "Data";
    }


    @Override
    public String tooltip() {
        return "Files on the server: inputs of works, results, binaries";
    }

    @Override
    protected List<DataView> load() {
        owners.refresh();
        return session.client().data().list();
    }

    @Override
    protected void loaded() {
        enableActions();
    }

    @Override
    protected String emptyHint() {
        if (!loadedOnce()) {
            return "Loading the data...";
        }
        return session.may().mayInsert()
                ? "No data yet.\nDrop files here to upload them, or press \"Insert files\"."
                : "No data you may read yet.";
    }

    private void enableActions() {
        List<DataView> selected = rows.selected();
        boolean mine = !selected.isEmpty() && selected.stream().allMatch(d -> session.may().mayChange(d.ownerUid()));
        String why = selected.isEmpty() ? "select data" : "only their owner or an administrator may";
        Actions.allow(download, selected.size() == 1 && selected.get(0).status() == DataStatus.AVAILABLE,
                "Save the selected data as a file", "select one AVAILABLE data");
        Actions.allow(chmod, mine, "Who else may read or use the selected data", why);
        Actions.allow(delete, mine, "Delete the selected data (kept while a work still needs it)", why);
    }

    /** Uploads each file as a data, one after the other, with progress. */
    void upload(List<Path> files) {
        List<Path> regular = files.stream().filter(Files::isRegularFile).toList();
        if (regular.isEmpty()) {
            if (!files.isEmpty()) {
                shell.status().warn("Only files can be uploaded as data, not folders");
            }
            return;
        }
        String what = regular.size() == 1 ? "Uploading " + regular.get(0).getFileName() : "Uploading " + regular.size() + " files";
        shell.background().run(what, progress -> {
            var data = session.client().data().reporting(progress);
            Set<String> uids = new HashSet<>();
            for (Path file : regular) {
                uids.add(data.upload(file.getFileName().toString(), Inputs.dataType(file), null, null, file).uid());
            }
            return uids;
        }, uids -> {
            int n = regular.size();
            shell.status().say(n == 1 ? "Uploaded " + regular.get(0).getFileName() : "Uploaded " + n + " files");
            // As a new work is on the works tab: what was just uploaded is what the user acts on next.
            rows.selectWhenShown(uids);
            refresh(false);
        });
    }

    private void download() {
        List<DataView> selected = rows.selected();
        if (selected.size() != 1) {
            return;
        }
        DataView chosen = selected.get(0);
        LocalFiles.chooseTarget(shell.window(), shell.prefs(), "downloads", "Save '" + chosen.name() + "' as", chosen.name())
                .ifPresent(target -> shell.background().run("Downloading " + chosen.name(), progress -> {
                    session.client().data().reporting(progress).download(chosen, target);
                    return target;
                }, saved -> shell.status().say("Saved " + saved)));
    }

    private void chmod() {
        List<DataView> selected = rows.selected();
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "'" + selected.get(0).name() + "'" : selected.size() + " data";
        RightsDialog.ask(shell.window(), what, selected.get(0).accessRights()).ifPresent(rights ->
                shell.background().run("Changing the rights of " + what, progress -> {
                    selected.forEach(d -> session.client().data().chmod(d.uid(), rights));
                    return rights;
                }, done -> {
                    shell.status().say("Rights of " + what + " changed to " + done);
                    refresh(false);
                }));
    }

    private void delete() {
        List<DataView> selected = rows.selected();
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "'" + selected.get(0).name() + "'" : selected.size() + " data";
        String question = Dialogs.wrapped("Delete " + what + "? The server keeps it while a work still uses it, then"
                + " removes it.");
        if (JOptionPane.showConfirmDialog(shell.window(), question, "Delete " + what, JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE) != JOptionPane.OK_OPTION) {
            return;
        }
        shell.background().run("Deleting " + what, progress -> {
            selected.forEach(d -> session.client().data().delete(d.uid()));
            return selected.size();
        }, n -> {
            shell.status().say("Deleted " + what);
            refresh(false);
        });
    }

    /** Files dropped on the table are uploaded. */
    private final class DropFiles extends TransferHandler {
        @Override
        public boolean canImport(TransferSupport support) {
            return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
        }

        @Override
        public boolean importData(TransferSupport support) {
            if (!canImport(support)) {
                return false;
            }
            try {
                @SuppressWarnings("unchecked")
                List<File> files = (List<File>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
                upload(files.stream().map(File::toPath).toList());
                return true;
            } catch (java.awt.datatransfer.UnsupportedFlavorException | java.io.IOException e) {
                shell.status().warn("Cannot take the dropped files: " + e.getMessage());
                return false;
            }
        }
    }
}
