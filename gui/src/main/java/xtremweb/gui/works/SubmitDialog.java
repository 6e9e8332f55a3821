package xtremweb.gui.works;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.table.DefaultTableModel;
import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import xtremweb.client.api.Data;
import xtremweb.client.api.Inputs;
import xtremweb.client.sweep.ParameterFile;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;
import xtremweb.gui.background.Problems;
import xtremweb.gui.files.LocalFiles;
import xtremweb.gui.frame.Choice;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.frame.Form;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.session.Session;

/**
 * The manual's "Submit a new job", with what {@code xwsendwork} takes: an app the user may run, a
 * label, arguments, standard input and environment (a local file uploaded with progress, a data on
 * the server, or a URI), session and group, an expected host, minimum memory, disk and CPU speed.
 * In sweep mode a parameter file (one job per line, as {@code --xwparams}) is previewed and all its
 * jobs go to the server in one request.
 */
final class SubmitDialog extends JDialog {
    private static final long MIB = 1024L * 1024;
    private final Shell shell;
    private final Session session;
    private final Consumer<List<String>> submitted;
    private final JComboBox<Choice> app = new JComboBox<>();
    private final JTextField label = new JTextField(28);
    private final JTextField args = new JTextField(28);
    private final InputField stdin;
    private final InputField env;
    private final JComboBox<Choice> sessionBox = new JComboBox<>();
    private final JComboBox<Choice> groupBox = new JComboBox<>();
    private final JComboBox<Object> host = new JComboBox<>();
    private final JTextField minMemory = new JTextField(6);
    private final JTextField minDisk = new JTextField(6);
    private final JTextField minCpu = new JTextField(6);
    private final JCheckBox sweep = new JCheckBox("Parameter sweep: one work per line of a parameter file");
    private final JTextField sweepFile = new JTextField(24);
    private final JButton sweepBrowse = new JButton("Browse...");
    private final DefaultTableModel preview = new DefaultTableModel(new Object[] {"Line", "Label", "Arguments"}, 0) {
        @Override
        public boolean isCellEditable(int row, int column) {
            return false;
        }
    };
    private final JLabel sweepCount = new JLabel(" ");
    private final JLabel note = new JLabel(" ");
    private final JButton ok = new JButton("Submit");
    private final JPanel sweepPanel;
    private List<ParameterFile.Line> sweepLines = List.of();
    private volatile List<DataView> data = List.of();

    SubmitDialog(Shell shell, Session session, List<GroupingView> sessions, List<GroupingView> groups,
                 Map<String, String> hostNames, Optional<WorkView> like, Consumer<List<String>> submitted) {
        super(Dialogs.owner(shell.window()), like.isPresent() ? "Resubmit a work" : "Submit a new work",
                ModalityType.APPLICATION_MODAL);
        this.shell = shell;
        this.session = session;
        this.submitted = submitted;
        setName("submit");
        stdin = new InputField("submit.stdin", "standard input", false, shell.prefs(), () -> data);
        env = new InputField("submit.env", "environment", true, shell.prefs(), () -> data);
        app.setName("submit.app");
        label.setName("submit.label");
        args.setName("submit.args");
        sessionBox.setName("submit.session");
        groupBox.setName("submit.group");
        host.setName("submit.host");
        minMemory.setName("submit.minMemory");
        minDisk.setName("submit.minDisk");
        minCpu.setName("submit.minCpu");
        sweep.setName("submit.sweep");
        sweepFile.setName("submit.sweepFile");
        sweepBrowse.setName("submit.sweepBrowse");
        sweepCount.setName("submit.sweepCount");
        note.setName("submit.note");
        ok.setName("submit.ok");

        app.addItem(new Choice(null, "Loading the apps you may run..."));
        args.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "-n 4 \"two words\"");
        label.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "optional");
        fill(sessionBox, "No session", sessions);
        fill(groupBox, "No group", groups);
        host.setEditable(true);
        host.addItem(new Choice(null, "Any host"));
        hostNames.forEach((uid, name) -> host.addItem(new Choice(uid, name + "  (" + WorksSource.shortUid(uid) + ")")));
        for (JTextField f : new JTextField[] {minMemory, minDisk}) {
            f.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "MiB");
        }
        minCpu.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "MHz");

        Form form = new Form();
        form.add("&App", app, "The app to run: those you may run that have a binary");
        form.add("&Label", label, "A label of your choice, shown in the works table");
        form.add("A&rguments", args, "The app's arguments, written as on a command line: quotes keep spaces");
        form.add("Standard &input", stdin, "What the job reads on its standard input: a file (uploaded), a data UID or a URI");
        form.add("En&vironment", env, "Files the job finds in its directory: a zip, a file or a folder (zipped), a data UID");
        form.add("Sessi&on", withNew(sessionBox, "session"), "Insert the work into a session (xwsendwork --xwsession)");
        form.add("&Group", withNew(groupBox, "group"), "Insert the work into a group of works (xwsendwork --xwgroup)");
        form.add("Expected &host", host, "Run the work only on this worker (a name from the list, or a host UID)");
        JPanel needs = new JPanel(new FlowLayout(FlowLayout.LEADING, UIScale.scale(6), 0));
        needs.add(small("memory", minMemory, "Run only on a worker with at least this much memory (MiB)"));
        needs.add(minMemory);
        needs.add(small("  disk", minDisk, "Run only on a worker declaring at least this much free disk (MiB)"));
        needs.add(minDisk);
        needs.add(small("  CPU speed", minCpu, "Run only on a worker declaring at least this CPU speed (MHz)"));
        needs.add(minCpu);
        form.add("Needs at least", needs, "Minimum resources of the worker; leave empty for none");
        form.separator();
        sweep.setMnemonic('P');
        sweep.setToolTipText("Submit one work per line of a file; each line holds that work's arguments (after the ones above)");
        form.wide(sweep, false);
        Form sweepForm = new Form();
        sweepForm.panel().setBorder(BorderFactory.createEmptyBorder());
        JPanel fileRow = new JPanel(new BorderLayout(UIScale.scale(4), 0));
        fileRow.add(sweepFile, BorderLayout.CENTER);
        fileRow.add(sweepBrowse, BorderLayout.EAST);
        sweepBrowse.setToolTipText("Choose the parameter file");
        sweepBrowse.addActionListener(e -> chooseSweep());
        sweepFile.addActionListener(e -> readSweep(Path.of(sweepFile.getText().trim())));
        sweepForm.add("Parameter &file", fileRow, "One work per line: its arguments, quoted like a command line; # lines are"
                + " skipped");
        JTable table = new JTable(preview);
        table.setName("submit.preview");
        table.setToolTipText("The works the parameter file makes, as they will be submitted");
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new java.awt.Dimension(UIScale.scale(520), UIScale.scale(130)));
        sweepForm.wide(scroll, true);
        sweepForm.wide(sweepCount, false);
        sweepPanel = form.wide(sweepForm.panel(), true);
        sweep.addActionListener(e -> sweepMode());
        label.getDocument().addDocumentListener(onChange(this::previewSweep));
        args.getDocument().addDocumentListener(onChange(this::previewSweep));
        sweepMode();
        form.wide(note, false);

        ok.setMnemonic('S');
        ok.setToolTipText("Upload the inputs chosen from files and submit");
        ok.addActionListener(e -> submit());
        Dialogs.formWithActions(this, form.panel(), ok, "submit.cancel", "Close without submitting");
        like.ifPresent(this::prefill);
        pack();
        setLocationRelativeTo(shell.window());
        loadChoices(like);
    }

    /** The apps the user may run and its data, off the event thread; a resubmitted work's inputs are checked. */
    private void loadChoices(Optional<WorkView> like) {
        shell.background().run("Listing the apps you may run", progress -> {
            List<AppView> apps = session.client().apps().list().stream()
                    .filter(a -> !a.binaries().isEmpty() && session.may().mayRun(a.ownerUid(), a.accessRights())).toList();
            List<DataView> available = session.client().data().list();
            return new Object[] {apps, available};
        }, found -> {
            @SuppressWarnings("unchecked")
            List<AppView> apps = (List<AppView>) found[0];
            @SuppressWarnings("unchecked")
            List<DataView> available = (List<DataView>) found[1];
            data = available;
            String wanted = like.map(WorkView::appName).orElse(null);
            DefaultComboBoxModel<Choice> model = new DefaultComboBoxModel<>();
            apps.forEach(a -> model.addElement(new Choice(a.name(), a.name() + "   (" + a.binaries().stream()
                    .map(b -> b.os() + "/" + b.cpu()).sorted().reduce((x, y) -> x + ", " + y).orElse("") + ")")));
            app.setModel(model);
            for (int i = 0; i < model.getSize(); i++) {
                if (model.getElementAt(i).value().equals(wanted)) {
                    app.setSelectedIndex(i);
                }
            }
            if (apps.isEmpty()) {
                model.addElement(new Choice(null, "No app you may run"));
                note.setText("No app you may run has a binary: insert one in the Apps tab first.");
            }
            like.ifPresent(work -> forgetGoneInputs(work, available));
        }, error -> note.setText("Cannot list the apps: " + Problems.sentence(error)));
    }

    /** Inputs uploaded from files for the original work were released with it: ask for the files again. */
    private void forgetGoneInputs(WorkView work, List<DataView> available) {
        List<String> gone = new ArrayList<>();
        for (InputField field : new InputField[] {stdin, env}) {
            String uid = field.value();
            if (!uid.isEmpty() && available.stream().noneMatch(d -> d.uid().equals(uid))) {
                field.value("");
                gone.add(field == stdin ? "standard input" : "environment");
            }
        }
        if (!gone.isEmpty()) {
            note.setText("The " + String.join(" and ", gone) + " of the original work came from a file and is no longer on"
                    + " the server: choose the file again.");
        }
    }

    private void prefill(WorkView work) {
        label.setText(work.label());
        args.setText(ParameterFile.line(work.args()));
        stdin.value(work.stdinDataUid());
        env.value(work.envDataUid());
        select(sessionBox, work.sessionUid());
        select(groupBox, work.groupUid());
    }

    private void submit() {
        Object chosenApp = app.getSelectedItem();
        if (!(chosenApp instanceof Choice c) || c.value() == null) {
            JOptionPane.showMessageDialog(this, "Choose an app to run.", "Submit", JOptionPane.WARNING_MESSAGE);
            return;
        }
        List<String> arguments;
        List<WorkBatch.Job> jobs;
        WorkSubmit template;
        try {
            arguments = ParameterFile.arguments(args.getText());
            jobs = sweep.isSelected() ? sweepJobs(arguments) : List.of();
            if (sweep.isSelected() && jobs.isEmpty()) {
                throw new IllegalArgumentException("choose a parameter file with at least one job line");
            }
            template = new WorkSubmit(c.value(), arguments, blankToNull(label.getText()), null, null,
                    mebibytes(minMemory, "memory"), mebibytes(minDisk, "disk"), number(minCpu, "CPU speed"), hostUid(),
                    chosen(sessionBox), chosen(groupBox));
        } catch (IllegalArgumentException e) {
            JOptionPane.showMessageDialog(this, Problems.sentence(e), "Submit", JOptionPane.WARNING_MESSAGE);
            return;
        }
        String stdinSource = blankToNull(stdin.value());
        String envSource = blankToNull(env.value());
        ok.setEnabled(false);
        note.setText("Submitting...");
        String what = jobs.isEmpty() ? "Submitting the work" : "Submitting " + jobs.size() + " works";
        shell.background().run(what, progress -> {
            Data data = session.client().data().reporting(progress);
            String stdinUid = stdinSource == null ? null : Inputs.stdinDataUid(data, stdinSource);
            String envUid = envSource == null ? null : Inputs.envDataUid(data, envSource);
            WorkSubmit common = new WorkSubmit(template.app(), template.args(), template.label(), stdinUid, envUid,
                    template.minMemoryBytes(), template.minDiskBytes(), template.minCpuSpeedMhz(), template.expectedHostUid(),
                    template.sessionUid(), template.groupUid());
            List<String> uids = jobs.isEmpty() ? List.of(session.client().works().submit(common).uid())
                    : session.client().works().submitBatch(common, jobs);
            Inputs.releaseIfUploaded(data, stdinSource, stdinUid);
            Inputs.releaseIfUploaded(data, envSource, envUid);
            return uids;
        }, uids -> {
            dispose();
            submitted.accept(uids);
        }, error -> {
            ok.setEnabled(true);
            note.setText(" ");
            Problems.show(this, what + " failed", error);
        });
    }

    private List<WorkBatch.Job> sweepJobs(List<String> arguments) {
        String file = sweepFile.getText().trim();
        String prefix = label.getText().isBlank() ? (file.isEmpty() ? "sweep" : Path.of(file).getFileName().toString())
                : label.getText().trim();
        return ParameterFile.jobs(sweepLines, arguments, prefix);
    }

    private void chooseSweep() {
        List<Path> chosen = LocalFiles.chooseFiles(this, shell.prefs(), "sweeps", "Parameter file", false);
        if (!chosen.isEmpty()) {
            sweepFile.setText(chosen.get(0).toString());
            readSweep(chosen.get(0));
        }
    }

    /** Reads the whole file before anything is submitted: a malformed line is named and nothing is sent. */
    private void readSweep(Path file) {
        shell.background().run("Reading the parameter file " + file.getFileName(), progress -> ParameterFile.read(file),
                lines -> {
                    sweepLines = lines;
                    previewSweep();
                }, error -> {
                    sweepLines = List.of();
                    previewSweep();
                    sweepCount.setText(Problems.sentence(error));
                });
    }

    private void previewSweep() {
        preview.setRowCount(0);
        if (!sweep.isSelected() || sweepLines.isEmpty()) {
            sweepCount.setText(sweep.isSelected() ? "Choose a parameter file: one work per line." : " ");
            return;
        }
        List<WorkBatch.Job> jobs;
        try {
            jobs = sweepJobs(ParameterFile.arguments(args.getText()));
        } catch (IllegalArgumentException e) {
            sweepCount.setText(Problems.sentence(e));
            return;
        }
        for (int i = 0; i < jobs.size(); i++) {
            preview.addRow(new Object[] {sweepLines.get(i).number(), jobs.get(i).label(), ParameterFile.line(jobs.get(i).args())});
        }
        sweepCount.setText(String.format("%,d works will be submitted in one request.", jobs.size()));
    }

    /** The sweep's file and preview show only in sweep mode; the dialog grows to hold them. */
    private void sweepMode() {
        boolean on = sweep.isSelected();
        ok.setText(on ? "Submit all" : "Submit");
        previewSweep();
        if (sweepPanel.isVisible() != on) {
            sweepPanel.setVisible(on);
            if (isDisplayable()) {
                pack();
            }
        }
    }

    private JComponent withNew(JComboBox<Choice> box, String kind) {
        JPanel row = new JPanel(new BorderLayout(UIScale.scale(4), 0));
        row.add(box, BorderLayout.CENTER);
        JButton create = new JButton("New...");
        create.setName("submit." + kind + ".new");
        create.setToolTipText("Create a new " + kind + " and insert the work into it");
        create.addActionListener(e -> {
            String name = JOptionPane.showInputDialog(this, "Name of the new " + kind + ":", "New " + kind,
                    JOptionPane.PLAIN_MESSAGE);
            if (name == null || name.isBlank()) {
                return;
            }
            shell.background().run("Creating the " + kind + " '" + name.trim() + "'", progress ->
                    (kind.equals("session") ? session.client().sessions() : session.client().groups()).create(name.trim()),
                    created -> {
                        Choice choice = new Choice(created.uid(), created.name());
                        box.addItem(choice);
                        box.setSelectedItem(choice);
                    });
        });
        row.add(create, BorderLayout.EAST);
        return row;
    }

    private void fill(JComboBox<Choice> box, String none, List<GroupingView> groupings) {
        box.addItem(new Choice(null, none));
        groupings.stream().filter(g -> session.may().mayWriteInto(g.ownerUid(), g.accessRights()))
                .forEach(g -> box.addItem(new Choice(g.uid(), g.name())));
    }

    private static void select(JComboBox<Choice> box, String uid) {
        for (int i = 0; i < box.getItemCount(); i++) {
            if (Objects.equals(box.getItemAt(i).value(), uid)) {
                box.setSelectedIndex(i);
            }
        }
    }

    private static String chosen(JComboBox<Choice> box) {
        return box.getSelectedItem() instanceof Choice c ? c.value() : null;
    }

    private String hostUid() {
        Object item = host.getSelectedItem();
        if (item instanceof Choice c) {
            return c.value();
        }
        return item == null ? null : blankToNull(item.toString());
    }

    private static JLabel small(String text, JComponent field, String tooltip) {
        JLabel label = new JLabel(text, JLabel.TRAILING);
        label.setLabelFor(field);
        label.setToolTipText(tooltip);
        field.setToolTipText(tooltip);
        return label;
    }

    private static Long mebibytes(JTextField field, String what) {
        Integer n = number(field, what);
        return n == null ? null : n * MIB;
    }

    private static Integer number(JTextField field, String what) {
        String text = field.getText().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the minimum " + what + " must be a whole number, not '" + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static javax.swing.event.DocumentListener onChange(Runnable run) {
        return new javax.swing.event.DocumentListener() {
            @Override
            public void insertUpdate(javax.swing.event.DocumentEvent e) {
                run.run();
            }

            @Override
            public void removeUpdate(javax.swing.event.DocumentEvent e) {
                run.run();
            }

            @Override
            public void changedUpdate(javax.swing.event.DocumentEvent e) {
                run.run();
            }
        };
    }
}
