package xtremweb.gui.works;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.table.DefaultTableModel;
import com.formdev.flatlaf.util.UIScale;
import xtremweb.client.sweep.ParameterFile;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.WorkView;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.frame.Form;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.session.Session;

/**
 * The manual's "View" of a work: everything about it (arguments, inputs, result, session, rights,
 * timings, the error's reason) and its tasks, the attempts on hosts. Inputs and tasks are looked up
 * off the event thread once the dialog is open.
 */
final class WorkDetails {
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    private WorkDetails() {
    }

    static void show(Shell shell, Session session, WorkRow row) {
        WorkView work = row.work();
        JDialog dialog = new JDialog(Dialogs.owner(shell.window()), "Work " + Results.label(work),
                java.awt.Dialog.ModalityType.MODELESS);
        dialog.setName("details");
        Form form = new Form();
        field(form, "UID", work.uid(), "details.uid");
        field(form, "App", work.appName(), "details.app");
        field(form, "Label", work.label(), "details.label");
        field(form, "Status", work.status() + (work.exitCode() == null ? "" : ", exit code " + work.exitCode()), "details.status");
        if (work.status() == WorkStatus.ERROR || work.errorMessage() != null) {
            area(form, "Error", work.errorMessage() == null ? "" : work.errorMessage(), "details.error");
        }
        area(form, "Arguments", ParameterFile.line(work.args()), "details.args");
        JTextField stdin = field(form, "Standard input", work.stdinDataUid() == null ? "none" : work.stdinDataUid(), "details.stdin");
        JTextField env = field(form, "Environment", work.envDataUid() == null ? "none" : work.envDataUid(), "details.env");
        JTextField result = field(form, "Result", work.resultDataUid() == null ? "not yet" : work.resultDataUid(), "details.result");
        field(form, "Session", row.session().isEmpty() ? "none" : row.session(), "details.session");
        field(form, "Group", row.group().isEmpty() ? "none" : row.group(), "details.group");
        field(form, "Rights", work.accessRights(), "details.rights");
        field(form, "Retries", String.valueOf(work.retries()), "details.retries");
        field(form, "Submitted", time(work.submitted()), "details.submitted");
        field(form, "Completed", work.completed() == null ? "not yet" : time(work.completed())
                + " (" + human(Duration.between(work.submitted(), work.completed())) + " after submission)", "details.completed");

        DefaultTableModel tasks = new DefaultTableModel(new Object[] {"Host", "Status", "Started", "Ended", "Lease until"}, 0) {
            @Override
            public boolean isCellEditable(int row, int column) {
                return false;
            }
        };
        JTable table = new JTable(tasks);
        table.setName("details.tasks");
        table.setToolTipText("Each attempt of this work on a host; a LOST one was given to another host");
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new java.awt.Dimension(UIScale.scale(560), UIScale.scale(110)));
        scroll.setBorder(BorderFactory.createTitledBorder("Tasks (attempts on hosts)"));
        form.wide(scroll, true);

        JButton download = new JButton("Download result");
        download.setName("details.download");
        download.setMnemonic('D');
        download.setToolTipText("Download this work's result and open it");
        download.setEnabled(work.status() == WorkStatus.COMPLETED);
        download.addActionListener(e -> Results.download(shell, session, List.of(work)));
        JButton close = new JButton("Close");
        close.setName("details.close");
        close.setToolTipText("Close this window (Esc)");
        close.addActionListener(e -> dialog.dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING));
        buttons.add(download);
        buttons.add(close);
        dialog.add(form.panel(), BorderLayout.CENTER);
        dialog.add(buttons, BorderLayout.SOUTH);
        dialog.getRootPane().setDefaultButton(close);
        dialog.getRootPane().registerKeyboardAction(e -> dialog.dispose(), KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        dialog.pack();
        dialog.setLocationRelativeTo(shell.window());
        dialog.setVisible(true);
        close.requestFocusInWindow();

        shell.background().run("Looking up the inputs and tasks of work " + Results.label(work), progress -> {
            Map<String, String> names = new HashMap<>();
            for (String uid : new String[] {work.stdinDataUid(), work.envDataUid(), work.resultDataUid()}) {
                if (uid != null) {
                    names.put(uid, describe(session, uid));
                }
            }
            Map<String, String> hosts = session.client().hosts().list().stream()
                    .collect(Collectors.toMap(HostView::uid, HostView::name, (a, b) -> a));
            List<Object[]> attempts = new ArrayList<>();
            for (TaskView task : session.client().hosts().tasks()) {
                if (work.uid().equals(task.workUid())) {
                    attempts.add(new Object[] {hosts.getOrDefault(task.hostUid(), WorksSource.shortUid(task.hostUid())),
                            task.status(), shortly(task.started()), shortly(task.ended()), shortly(task.leaseExpires())});
                }
            }
            return new Object[] {names, attempts};
        }, found -> {
            @SuppressWarnings("unchecked")
            Map<String, String> names = (Map<String, String>) found[0];
            @SuppressWarnings("unchecked")
            List<Object[]> attempts = (List<Object[]>) found[1];
            for (JTextField field : new JTextField[] {stdin, env, result}) {
                String uid = field.getText();
                String described = names.get(uid);
                if (described != null) {
                    field.setText(described);
                    field.setCaretPosition(0);
                    field.setToolTipText("Data " + uid + " (select to copy)");
                }
            }
            attempts.forEach(tasks::addRow);
        }, error -> table.setToolTipText("The tasks could not be listed: " + xtremweb.gui.background.Problems.sentence(error)));
    }

    private static String describe(Session session, String dataUid) {
        try {
            DataView data = session.client().data().get(dataUid);
            String size = data.size() == null ? "" : ", " + new xtremweb.gui.table.Size(data.size());
            // A result is named after its work's UID, which the dialog shows already: its type and size say more.
            boolean namedByUid = data.name().matches("[0-9a-f-]{36}(\\.zip)?");
            return (namedByUid ? data.type() : data.name()) + size;
        } catch (RuntimeException e) {
            return dataUid + " (no longer listed: deleted)";
        }
    }

    private static JTextField field(Form form, String label, String value, String name) {
        JTextField field = new JTextField(value == null ? "" : value, 40);
        field.setName(name);
        field.setEditable(false);
        field.setCaretPosition(0);
        form.add(label, field, label + " of the work (select to copy)");
        return field;
    }

    private static void area(Form form, String label, String value, String name) {
        JTextArea area = new JTextArea(value, Math.min(4, Math.max(1, value.split("\n").length)), 40);
        area.setName(name);
        area.setEditable(false);
        area.setLineWrap(true);
        area.setWrapStyleWord(true);
        form.add(label, new JScrollPane(area), label + " of the work (select to copy)");
    }

    private static String shortly(Instant instant) {
        return instant == null ? "" : xtremweb.gui.table.Times.shortly(instant);
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
