package xtremweb.gui.apps;

import java.awt.FlowLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.DefaultCellEditor;
import javax.swing.table.DefaultTableModel;
import com.formdev.flatlaf.util.UIScale;
import xtremweb.common.platform.Platform;
import xtremweb.common.wire.AppView;
import xtremweb.gui.background.Problems;
import xtremweb.gui.files.LocalFiles;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.frame.Form;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.session.Session;

/**
 * Inserting an app as {@code xwsendapp} does, for several platforms at once: a name and one binary
 * per OS and CPU (this machine's platform proposed first). Each binary is uploaded with progress;
 * an existing app of the user gets the binaries added or replaced.
 */
final class InsertAppDialog extends JDialog {
    private static final String[] OSES = {"linux", "macosx", "win32"};
    private static final String[] CPUS = {"amd64", "aarch64", "ix86", "ppc64le"};
    private final JTextField name = new JTextField(20);
    private final DefaultTableModel binaries = new DefaultTableModel(new Object[] {"OS", "CPU", "Binary file"}, 0);
    private final JTable table = new JTable(binaries);
    private final JButton ok = new JButton("Insert");
    private final Shell shell;
    private final Session session;
    private final Consumer<AppView> inserted;

    /** {@code inserted} gets the app as the server has it once every binary is in. */
    InsertAppDialog(Shell shell, Session session, String initialName, Consumer<AppView> inserted) {
        super(Dialogs.owner(shell.window()), "Insert an app", ModalityType.APPLICATION_MODAL);
        this.shell = shell;
        this.session = session;
        this.inserted = inserted;
        setName("insertApp");
        name.setName("insertApp.name");
        name.setText(initialName);
        table.setName("insertApp.binaries");
        ok.setName("insertApp.ok");
        table.getColumnModel().getColumn(0).setCellEditor(new DefaultCellEditor(editableCombo(OSES)));
        table.getColumnModel().getColumn(1).setCellEditor(new DefaultCellEditor(editableCombo(CPUS)));
        table.setToolTipText("One binary per OS and CPU; double-click a cell to change it");
        Form form = new Form();
        form.add("&Name", name, "The app's name, as works name it (a to z, digits, . _ + -)");
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new java.awt.Dimension(UIScale.scale(480), UIScale.scale(110)));
        form.wide(new JLabel("Binaries, one per platform:"), false);
        form.wide(scroll, true);
        JButton add = new JButton("Add binary...");
        add.setName("insertApp.add");
        add.setMnemonic('A');
        add.setToolTipText("Choose a binary file; its platform is this machine's until you change it");
        add.addActionListener(e -> LocalFiles.chooseFiles(this, shell.prefs(), "binaries", "Binary", true)
                .forEach(file -> binaries.addRow(new Object[] {Platform.currentOs(), Platform.currentCpu(), file.toString()})));
        JButton remove = new JButton("Remove");
        remove.setName("insertApp.remove");
        remove.setToolTipText("Remove the selected binary from the list");
        remove.addActionListener(e -> {
            int row = table.getSelectedRow();
            if (row >= 0) {
                binaries.removeRow(table.convertRowIndexToModel(row));
            }
        });
        JPanel rowButtons = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        rowButtons.add(add);
        rowButtons.add(remove);
        form.wide(rowButtons, false);

        ok.setMnemonic('I');
        ok.setToolTipText("Upload the binaries and insert the app");
        ok.addActionListener(e -> insert());
        Dialogs.formWithActions(this, form.panel(), ok, "insertApp.cancel", "Close without inserting");
        pack();
        setLocationRelativeTo(shell.window());
    }

    /** A binary to insert. */
    private record Binary(String os, String cpu, Path file) {
    }

    private void insert() {
        if (table.isEditing()) {
            table.getCellEditor().stopCellEditing();
        }
        String app = name.getText().trim();
        List<Binary> chosen = new ArrayList<>();
        for (int row = 0; row < binaries.getRowCount(); row++) {
            chosen.add(new Binary(String.valueOf(binaries.getValueAt(row, 0)), String.valueOf(binaries.getValueAt(row, 1)),
                    Path.of(String.valueOf(binaries.getValueAt(row, 2)))));
        }
        String problem = app.isEmpty() ? "Type the app's name."
                : chosen.isEmpty() ? "Add at least one binary."
                : chosen.stream().filter(b -> !Files.isReadable(b.file())).map(b -> "Cannot read " + b.file() + ".")
                        .findFirst().orElse(null);
        if (problem != null) {
            JOptionPane.showMessageDialog(this, problem, "Insert an app", JOptionPane.WARNING_MESSAGE);
            return;
        }
        ok.setEnabled(false);
        shell.background().run("Inserting the app '" + app + "'", progress -> {
            AppView last = null;
            for (Binary binary : chosen) {
                last = session.client().apps().reporting(progress).insert(app, binary.cpu(), binary.os(), binary.file());
            }
            return last;
        }, done -> {
            dispose();
            inserted.accept(done);
        }, error -> {
            ok.setEnabled(true);
            Problems.show(this, "Inserting the app '" + app + "' failed", error);
        });
    }

    private static JComboBox<String> editableCombo(String[] values) {
        JComboBox<String> box = new JComboBox<>(values);
        box.setEditable(true);
        return box;
    }
}
