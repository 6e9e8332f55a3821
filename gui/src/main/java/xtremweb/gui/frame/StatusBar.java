package xtremweb.gui.frame;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.Timer;
import javax.swing.UIManager;
import com.formdev.flatlaf.util.UIScale;
import xtremweb.gui.background.Activity;
import xtremweb.gui.background.Background;
import xtremweb.gui.look.Tone;

/**
 * The bottom line of the window, as the manual shows it: the number of rows of the shown tab, the
 * server call in progress with a progress bar (a transfer's percentage, or busy), the last message,
 * and who is logged in where.
 */
final class StatusBar extends JPanel implements Status {
    private final JLabel rows = new JLabel(" ");
    private final JLabel message = new JLabel(" ");
    private final JLabel activity = new JLabel();
    private final JProgressBar progress = new JProgressBar(0, 100);
    private final JLabel who = new JLabel("not connected");
    private final Background background;
    private final Supplier<String> rowsText;
    private final Timer ticker;
    /** The title of the tab shown; a message from another tab names its tab. */
    private String shownTab = "";

    StatusBar(Background background, Supplier<String> rowsText) {
        super(new BorderLayout(UIScale.scale(12), 0));
        this.background = background;
        this.rowsText = rowsText;
        setName("status");
        rows.setName("status.rows");
        message.setName("status.message");
        progress.setName("status.progress");
        who.setName("status.who");
        int gap = UIScale.scale(4);
        setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(1, 0, 0, 0, UIManager.getColor("Separator.foreground")),
                BorderFactory.createEmptyBorder(gap, gap * 2, gap, gap * 2)));
        rows.setToolTipText("Rows of the tab shown: all of them, and how many the filter shows");
        who.setToolTipText("Who is logged in, on which server");
        progress.setToolTipText("Progress of the server call in progress");
        progress.setPreferredSize(new java.awt.Dimension(UIScale.scale(160), progress.getPreferredSize().height));
        JPanel right = new JPanel(new FlowLayout(FlowLayout.RIGHT, UIScale.scale(8), 0));
        right.setOpaque(false);
        right.add(activity);
        right.add(progress);
        right.add(who);
        add(rows, BorderLayout.WEST);
        add(message, BorderLayout.CENTER);
        add(right, BorderLayout.EAST);
        progress.setVisible(false);
        ticker = new Timer(200, e -> showActivity());
        background.onChange(this::showActivity);
    }

    void who(String text) {
        who.setText(text);
    }

    @Override
    public void say(String text) {
        message.setForeground(UIManager.getColor("Label.foreground"));
        message.setText(text);
        message.setToolTipText(text);
    }

    @Override
    public void warn(String text) {
        message.setForeground(Tone.BAD.colour());
        message.setText(text);
        message.setToolTipText(text);
    }

    @Override
    public void settled(String warning) {
        if (message.getText().equals(warning)) {
            say(" ");
            message.setToolTipText(null);
        }
    }

    @Override
    public void rowsChanged() {
        rows.setText(rowsText.get());
    }

    /**
     * The status bar as the tab {@code tab} talks to it. An answer that arrives once another tab is
     * shown (a download that ended after the user moved on) says which tab it is about, since it
     * would otherwise read as about the tab shown.
     */
    Status of(String tab) {
        return new Status() {
            @Override
            public void say(String text) {
                StatusBar.this.say(about(tab, text));
            }

            @Override
            public void warn(String text) {
                StatusBar.this.warn(about(tab, text));
            }

            @Override
            public void settled(String warning) {
                StatusBar.this.settled(about(tab, warning));
            }

            @Override
            public void rowsChanged() {
                StatusBar.this.rowsChanged();
            }
        };
    }

    private String about(String tab, String text) {
        return tab.equals(shownTab) || text.isBlank() ? text : tab + ": " + text;
    }

    /**
     * Another tab is shown: its row count, and no message, since the last one ("Result in ...")
     * was about the tab left and read as if about the new one.
     */
    void tabShown(String tab) {
        shownTab = tab;
        say(" ");
        message.setToolTipText(null);
        rowsChanged();
    }

    private void showActivity() {
        List<Activity> all = background.running();
        List<Activity> running = all.stream().filter(Activity::shown).toList();
        if (all.isEmpty()) {
            ticker.stop();
        } else if (!ticker.isRunning()) {
            ticker.start();
        }
        if (running.isEmpty()) {
            activity.setText("");
            progress.setVisible(false);
            return;
        }
        Activity first = running.get(0);
        activity.setText(first.what() + (running.size() > 1 ? " (+" + (running.size() - 1) + " more)" : "") + "...");
        OptionalInt percent = first.percent();
        progress.setIndeterminate(percent.isEmpty());
        progress.setValue(percent.orElse(0));
        progress.setStringPainted(percent.isPresent());
        progress.setVisible(true);
    }
}
