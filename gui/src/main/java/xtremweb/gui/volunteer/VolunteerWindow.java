package xtremweb.gui.volunteer;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.Timer;
import javax.swing.UIManager;
import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import xtremweb.common.volunteer.OwnerControl;
import xtremweb.common.volunteer.WorkerStatus;
import xtremweb.gui.background.Background;
import xtremweb.gui.background.Problems;
import xtremweb.gui.frame.Actions;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.look.Tone;
import xtremweb.gui.prefs.UserPrefs;
import xtremweb.gui.table.RowsTable;

/**
 * What the BOINC Manager gives a volunteer, for the worker on this machine: what it does now, its
 * tasks with their elapsed time, the activation policy's verdict and why (the worker's log line's
 * words), the credit honestly ("none yet"), and buttons to pause or resume computing and to choose
 * another policy. Reads the worker's status every second, off the event thread.
 */
public final class VolunteerWindow extends JFrame {
    /** How long the worker may take to answer a change before the window says it did not. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private final LocalWorker worker;
    private final Background background;
    private final JLabel title = new JLabel("Reading the worker's status...");
    private final JLabel detail = new JLabel(" ");
    private final JLabel policy = new JLabel(" ");
    private final JLabel verdict = new JLabel(" ");
    private final JLabel reason = new JLabel(" ");
    private final JLabel credit = new JLabel(" ");
    private final JLabel completed = new JLabel(" ");
    private final JLabel message = new JLabel(" ");
    private final JLabel who = new JLabel(" ");
    private final RowsTable<TaskRow> tasks;
    private final Action pause;
    private final Action choosePolicy;
    /** Every second, or four times a second while the worker has a change to take. */
    private final Timer ticker = new Timer(250, e -> tick());
    private long lastRead;
    private LocalWorker.Look look;
    private boolean reading;
    /** A change the worker has not taken yet, and when it was asked. */
    private OwnerControl asked;
    private Instant askedAt;
    private String answered;

    public VolunteerWindow(LocalWorker worker, UserPrefs prefs) {
        super("XtremWeb worker");
        this.worker = worker;
        this.background = new Background(this);
        setName("volunteer");
        name(title, "state");
        name(detail, "detail");
        name(policy, "policy");
        name(verdict, "verdict");
        name(reason, "reason");
        name(credit, "credit");
        name(completed, "completed");
        name(message, "message");
        name(who, "who");
        title.putClientProperty(FlatClientProperties.STYLE_CLASS, "h2");
        tasks = new RowsTable<>("volunteer.tasks", TaskRow.columns(), TaskRow::key, this::emptyHint, prefs);
        pause = Actions.of("&Pause computing", Actions.key(KeyEvent.VK_F9),
                "Ask for no new work; a task running now may finish (F9)", e -> togglePause());
        choosePolicy = Actions.of("&Activation policy...", null,
                "Choose when this machine may compute, without editing the worker's configuration file", e -> choosePolicy());
        pause.setEnabled(false);
        // A button does not take its action's accelerator: F9 is bound for the whole window.
        getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(Actions.key(KeyEvent.VK_F9), "pause");
        getRootPane().getActionMap().put("pause", pause);

        JPanel top = new JPanel();
        top.setLayout(new BoxLayout(top, BoxLayout.PAGE_AXIS));
        int gap = UIScale.scale(12);
        top.setBorder(BorderFactory.createEmptyBorder(gap, gap, gap / 2, gap));
        top.add(title);
        top.add(detail);
        top.add(javax.swing.Box.createVerticalStrut(gap));
        top.add(section("Activation policy", List.of("Policy", "Verdict", "Why"), policy, verdict, reason));
        top.add(javax.swing.Box.createVerticalStrut(gap / 2));
        top.add(section("Contribution", List.of("Completed", "Credit"), completed, credit));
        for (JComponent c : new JComponent[] {title, detail}) {
            c.setAlignmentX(LEFT_ALIGNMENT);
        }
        policy.setToolTipText("The activation policy in force and where it comes from");
        verdict.setToolTipText("The policy's last decision: whether this machine may compute, since when");
        reason.setToolTipText("Why, in the words of the worker's log");
        completed.setToolTipText("Tasks whose result this worker delivered since it started");
        credit.setToolTipText("Credit counts results the grid certifies by comparing copies computed elsewhere");

        JPanel middle = new JPanel(new BorderLayout());
        middle.setBorder(BorderFactory.createEmptyBorder(0, gap, 0, gap));
        JLabel tasksTitle = new JLabel("Tasks on this machine");
        tasksTitle.putClientProperty(FlatClientProperties.STYLE_CLASS, "h4");
        tasksTitle.setBorder(BorderFactory.createEmptyBorder(0, 0, gap / 3, 0));
        middle.add(tasksTitle, BorderLayout.NORTH);
        middle.add(tasks.component(), BorderLayout.CENTER);

        JButton pauseButton = new JButton(pause);
        pauseButton.setName("volunteer.pause");
        JButton policyButton = new JButton(choosePolicy);
        policyButton.setName("volunteer.choosePolicy");
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEADING, gap / 2, 0));
        buttons.add(pauseButton);
        buttons.add(policyButton);
        JPanel statusLine = new JPanel(new BorderLayout(gap, 0));
        statusLine.setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(1, 0, 0, 0, UIManager.getColor("Separator.foreground")),
                BorderFactory.createEmptyBorder(gap / 3, gap, gap / 3, gap)));
        statusLine.add(message, BorderLayout.CENTER);
        statusLine.add(who, BorderLayout.EAST);
        who.setToolTipText("The worker this window shows, and where it keeps what it says to this window");
        JPanel bottom = new JPanel(new BorderLayout());
        buttons.setBorder(BorderFactory.createEmptyBorder(gap / 2, gap, gap / 2, gap));
        bottom.add(buttons, BorderLayout.NORTH);
        bottom.add(statusLine, BorderLayout.SOUTH);

        add(top, BorderLayout.NORTH);
        add(middle, BorderLayout.CENTER);
        add(bottom, BorderLayout.SOUTH);
        setDefaultCloseOperation(DISPOSE_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                ticker.stop();
            }
        });
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        setSize(new Dimension(Math.min(screen.width, UIScale.scale(860)), Math.min(screen.height, UIScale.scale(560))));
        setLocationRelativeTo(null);
    }

    /** Shows the window and starts reading the worker's status. */
    public void start() {
        setVisible(true);
        refresh();
        ticker.start();
    }

    private static void name(JComponent component, String name) {
        component.setName("volunteer." + name);
    }

    /** A titled box of facts, one per line: a caption, then the value. */
    private static JPanel section(String heading, List<String> captions, JLabel... values) {
        JPanel panel = new JPanel(new java.awt.GridBagLayout());
        int gap = UIScale.scale(8);
        panel.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createTitledBorder(heading),
                BorderFactory.createEmptyBorder(gap / 4, gap, gap / 2, gap)));
        for (int i = 0; i < values.length; i++) {
            java.awt.GridBagConstraints c = new java.awt.GridBagConstraints();
            c.gridy = i;
            c.anchor = java.awt.GridBagConstraints.LINE_START;
            c.insets = new java.awt.Insets(gap / 4, 0, gap / 4, gap * 2);
            JLabel caption = new JLabel(captions.get(i));
            caption.setForeground(UIManager.getColor("Label.disabledForeground"));
            caption.setToolTipText(values[i].getToolTipText());
            panel.add(caption, c);
            c.gridx = 1;
            c.weightx = 1;
            c.fill = java.awt.GridBagConstraints.HORIZONTAL;
            c.insets = new java.awt.Insets(gap / 4, 0, gap / 4, 0);
            panel.add(values[i], c);
        }
        panel.setAlignmentX(LEFT_ALIGNMENT);
        panel.setMaximumSize(new Dimension(Integer.MAX_VALUE, panel.getPreferredSize().height));
        return panel;
    }

    private void tick() {
        if (asked != null || System.nanoTime() - lastRead >= 1_000_000_000L) {
            refresh();
        }
    }

    private void refresh() {
        if (reading) {
            return;
        }
        reading = true;
        lastRead = System.nanoTime();
        background.quietly("Reading the worker's status", p -> worker.look(), now -> {
            reading = false;
            show(now);
        }, error -> {
            reading = false;
            warn("Cannot read the worker's status: " + Problems.sentence(error));
        });
    }

    private void show(LocalWorker.Look now) {
        look = now;
        Headline headline = Headline.of(now);
        title.setText(headline.title());
        title.setForeground(headline.tone().colour());
        detail.setText(headline.detail());
        detail.setToolTipText(headline.detail());
        WorkerStatus status = now.status().orElse(null);
        if (status != null) {
            setTitle("XtremWeb worker - " + status.hostName());
            policy.setText(status.policy() == null ? "unknown" : Headline.policy(status.policy()));
            if (status.verdict() != null) {
                verdict.setText(Headline.verdict(status.verdict()));
                verdict.setForeground((status.verdict().mayCompute() ? Tone.GOOD : Tone.WAITING).colour());
                reason.setText(status.verdict().reason());
            } else {
                verdict.setText("No decision yet: the worker decides once it is registered with the server");
                verdict.setForeground(Tone.MUTED.colour());
                reason.setText(" ");
            }
            credit.setText(Headline.credit());
            completed.setText(Headline.completed(status));
            who.setText("Host " + (status.hostUid() == null ? "not registered yet" : shortUid(status.hostUid())) + " on "
                    + status.server().replaceFirst("^https://", "") + ", process " + status.pid());
            who.setToolTipText("Host " + status.hostUid() + " on " + status.server() + ", worker process " + status.pid()
                    + "; it talks to this window through " + worker.channel().dir());
            tasks.replace(now.liveness() == LocalWorker.Liveness.RUNNING
                    ? status.tasks().stream().map(t -> TaskRow.of(t, now.at())).toList() : List.of());
        } else {
            policy.setText("as the worker's configuration file says, until you choose another");
            verdict.setText("No decision: the worker is not running");
            verdict.setForeground(Tone.MUTED.colour());
            reason.setText(" ");
            credit.setText(Headline.credit());
            completed.setText("nothing yet");
            who.setText("Status expected in " + worker.channel().statusFile());
            tasks.replace(List.of());
        }
        followAnswer(now, status);
        boolean paused = asked != null ? asked.paused() : now.control().paused();
        pause.putValue(Action.NAME, paused ? "Resume computing" : "Pause computing");
        pause.putValue(Action.MNEMONIC_KEY, paused ? KeyEvent.VK_R : KeyEvent.VK_P);
        pause.putValue(Action.SHORT_DESCRIPTION, paused ? "Take work from the grid again (F9)"
                : "Ask for no new work; a task running now may finish (F9)");
        pause.setEnabled(asked == null);
        choosePolicy.setEnabled(asked == null);
    }

    /** Whether the worker took the last change; its refusal said as its sentence. */
    private void followAnswer(LocalWorker.Look now, WorkerStatus status) {
        if (asked == null) {
            if (status != null && status.controlProblem() != null && now.liveness() == LocalWorker.Liveness.RUNNING) {
                warn(status.controlProblem());
            }
            return;
        }
        if (now.liveness() != LocalWorker.Liveness.RUNNING) {
            asked = null;
            say("Saved: the worker will follow it when it starts.");
            return;
        }
        if (now.took(asked.revision())) {
            asked = null;
            if (status.controlProblem() != null) {
                warn(status.controlProblem());
                JOptionPane.showMessageDialog(this, Dialogs.wrapped(status.controlProblem()),
                        "The worker refused the activation policy", JOptionPane.ERROR_MESSAGE);
            } else {
                say(answered);
            }
            return;
        }
        if (Duration.between(askedAt, now.at()).compareTo(ANSWER_WITHIN) > 0) {
            warn("The worker has not taken your change after " + ANSWER_WITHIN.toSeconds() + " s; it may be overloaded or"
                    + " stuck. The change is saved and it follows it as soon as it reads it.");
            asked = null;
        }
    }

    private String emptyHint() {
        if (look == null) {
            return "Reading the worker's status...";
        }
        return switch (look.liveness()) {
            case NEVER_STARTED, STOPPED -> "The worker is not running, so no task runs.\nStart it with bin/xtremweb.worker"
                    + " start; its tasks will show here with their elapsed time.";
            case NOT_ANSWERING -> "The worker does not answer.\nIts tasks will show here again when it does.";
            case RUNNING -> switch (look.status().map(WorkerStatus::state).orElse(WorkerStatus.State.CONNECTING)) {
                case PAUSED -> "No task runs: computing is paused.\nPress Resume computing to take work from the grid again.";
                case NOT_ALLOWED -> "No task runs: the activation policy does not allow computing now.\nTasks will show"
                        + " here with their elapsed time once it allows again.";
                default -> "No task runs now.\nWhen the worker takes a work from the grid, it shows here with its elapsed"
                        + " time.";
            };
        };
    }

    private void togglePause() {
        boolean pausing = look == null || !(asked != null ? asked.paused() : look.control().paused());
        ask(pausing ? "Pausing" : "Resuming", pausing ? "Paused: the worker asks for no new work; a task running now may finish."
                : "Resumed: the worker asks the grid for work again.", c -> new OwnerControl(c.revision(), pausing, c.activatorClass(),
                c.activatorDate()));
    }

    private void choosePolicy() {
        WorkerStatus.Policy current = look == null ? null : look.status().map(WorkerStatus::policy).orElse(null);
        new PolicyDialog(this, current, choice -> ask("Changing the activation policy",
                "The worker follows the activation policy you chose.", c -> new OwnerControl(c.revision(),
                c.paused(), choice.activatorClass(), choice.date()))).setVisible(true);
    }

    /** Writes the owner's change; {@code done} is said once the worker took it. */
    private void ask(String what, String done, java.util.function.UnaryOperator<OwnerControl> change) {
        pause.setEnabled(false);
        choosePolicy.setEnabled(false);
        background.run(what, p -> worker.ask(change), written -> {
            asked = written;
            askedAt = Instant.now();
            answered = done;
            say(what + ": waiting for the worker to take it (it reads it every second)...");
            refresh();
        }, error -> {
            pause.setEnabled(true);
            choosePolicy.setEnabled(true);
            Problems.show(this, what + " failed", error);
        });
    }

    private static String shortUid(String uid) {
        int dash = uid.indexOf('-');
        return dash > 0 ? uid.substring(0, dash) : uid;
    }

    private void say(String text) {
        message.setForeground(UIManager.getColor("Label.foreground"));
        message.setText(text);
        message.setToolTipText(text);
    }

    private void warn(String text) {
        message.setForeground(Tone.BAD.colour());
        message.setText(text);
        message.setToolTipText(text);
    }
}
