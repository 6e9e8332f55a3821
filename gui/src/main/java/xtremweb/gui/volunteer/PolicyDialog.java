package xtremweb.gui.volunteer;

import java.awt.Window;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JRadioButton;
import javax.swing.JTextField;
import com.formdev.flatlaf.FlatClientProperties;
import xtremweb.common.volunteer.WorkerStatus;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.frame.Form;
import xtremweb.gui.look.Tone;

/**
 * When the worker may compute, chosen without editing its configuration file: always, at given times,
 * while the CPU is not busy, while nobody uses keyboard and mouse, or as the file says. The worker
 * checks the choice and answers in the window; this dialog only checks that times are given.
 */
final class PolicyDialog extends JDialog {
    /** The owner's choice: the {@code activator.class} name (null for the file's) and {@code activator.date}. */
    record Choice(String activatorClass, String date) {
    }

    private record Option(String name, String activatorClass, String label, String tooltip) {
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("file", null, "As the worker's configuration file says",
                    "Forget the choice made here: activator.class and activator.date of xtremweb.worker.conf apply again"),
            new Option("always", "AlwaysActive", "Always", "Compute whenever the machine is on (AlwaysActive)"),
            new Option("date", "DateActivator", "Only at these times:",
                    "Compute only inside the times written below, as activator.date (DateActivator)"),
            new Option("cpu", "CpuActivator", "While I am not using the processor",
                    "Stop as soon as your own programs use more of the CPU than the configured cpuload (CpuActivator)"),
            new Option("idle", "IdleActivator", "While nobody uses keyboard and mouse",
                    "Compute once keyboard and mouse were left alone for a while; stop when they are used (IdleActivator)"));

    private final ButtonGroup group = new ButtonGroup();
    private final JRadioButton[] buttons = new JRadioButton[OPTIONS.size()];
    private final JTextField date = new JTextField(24);
    private final JLabel problem = new JLabel(" ");
    private final Consumer<Choice> chosen;

    PolicyDialog(Window owner, WorkerStatus.Policy current, Consumer<Choice> chosen) {
        super(owner, "Activation policy", ModalityType.APPLICATION_MODAL);
        this.chosen = chosen;
        setName("policy");
        date.setName("policy.dateText");
        problem.setName("policy.problem");
        problem.setForeground(Tone.BAD.colour());
        date.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "Mon-Fri 18-7, Sat-Sun *");
        Form form = new Form();
        form.wide(new JLabel("<html>When may this machine compute for the grid? Tasks already running are frozen"
                + "<br>while it may not, and given back to the grid if that lasts long.</html>"), false);
        for (int i = 0; i < OPTIONS.size(); i++) {
            Option option = OPTIONS.get(i);
            JRadioButton button = new JRadioButton(option.label());
            button.setName("policy." + option.name());
            button.setToolTipText(option.tooltip());
            button.addActionListener(e -> date.setEnabled(option.name().equals("date")));
            group.add(button);
            buttons[i] = button;
            form.wide(button, false);
            if (option.name().equals("date")) {
                date.setToolTipText("Days then hours, comma-separated windows: \"Mon-Fri 18-7, Sat-Sun *\" is weekday"
                        + " evenings and nights and whole weekends; days 1 (Sunday) to 7 or their names, hours 0 to 23");
                form.add("    &Times", date, date.getToolTipText());
            }
        }
        form.wide(problem, false);
        select(current);

        JButton ok = new JButton("Apply");
        ok.setName("policy.ok");
        ok.setMnemonic('A');
        ok.setToolTipText("Tell the worker; it takes the new policy within a second and says here whether it could");
        ok.addActionListener(e -> apply());
        Dialogs.formWithActions(this, form.panel(), ok, "policy.cancel", "Close and keep the policy in force");
        pack();
        setLocationRelativeTo(owner);
    }

    /** The option of the policy in force, the file's when the owner chose nothing or chose several at once. */
    private void select(WorkerStatus.Policy current) {
        int index = 0;
        if (current != null && current.fromOwner()) {
            for (int i = 1; i < OPTIONS.size(); i++) {
                if (OPTIONS.get(i).activatorClass().equals(current.classes())) {
                    index = i;
                }
            }
        }
        if (current != null && current.date() != null) {
            date.setText(current.date());
        }
        buttons[index].setSelected(true);
        date.setEnabled(OPTIONS.get(index).name().equals("date"));
    }

    private void apply() {
        for (int i = 0; i < OPTIONS.size(); i++) {
            if (buttons[i].isSelected()) {
                Option option = OPTIONS.get(i);
                boolean dated = option.name().equals("date");
                if (dated && date.getText().isBlank()) {
                    problem.setText("Write the times when the machine may compute, such as Mon-Fri 18-7, Sat-Sun *.");
                    date.requestFocusInWindow();
                    return;
                }
                dispose();
                chosen.accept(new Choice(option.activatorClass(), dated ? date.getText().trim() : null));
                return;
            }
        }
    }
}
