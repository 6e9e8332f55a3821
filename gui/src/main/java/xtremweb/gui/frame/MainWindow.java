package xtremweb.gui.frame;

import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.JTabbedPane;
import javax.swing.SwingConstants;
import javax.swing.Timer;
import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import xtremweb.gui.background.Background;
import xtremweb.gui.look.Theme;
import xtremweb.gui.prefs.UserPrefs;

/**
 * The client main frame of the manual: menus (File with "Log in as...", View, Help), one tab per kind
 * of object once logged in, and the status bar. The title says who is logged in where. The tab shown
 * is refreshed when it is shown and then on its own schedule, without the user asking.
 */
public final class MainWindow extends JFrame {
    public static final String TITLE = "XtremWeb";
    private static final String WELCOME = "welcome";
    private static final String TABS = "tabs";
    private final UserPrefs prefs;
    private final Background background;
    private final StatusBar statusBar;
    private final JTabbedPane tabs = new JTabbedPane();
    /** The window has its default size, not one the user chose or one remembered from last time. */
    private boolean placedByDefault;
    private final CardLayout cards = new CardLayout();
    private final JPanel center = new JPanel(cards);
    private final List<View> views = new ArrayList<>();
    private final Map<View, Long> lastRefresh = new HashMap<>();
    private final JCheckBoxMenuItem autoRefresh;
    private final Action logOut;
    private final Timer refresher = new Timer(1000, e -> tick());

    /** What the menus do that the window does not know how to: logging in and out. */
    public interface Session {
        void logIn();

        void logOut();
    }

    public MainWindow(UserPrefs prefs, Session session) {
        super(TITLE + " - not connected");
        this.prefs = prefs;
        setName("main");
        this.background = new Background(this);
        this.statusBar = new StatusBar(background, this::rowsText);
        Action logIn = Actions.of("&Log in as...", Actions.shortcut(KeyEvent.VK_L),
                "Connect to a server with a login and a password", e -> session.logIn());
        logOut = Actions.of("Log &out", null, "Close the session; the window stays open", e -> session.logOut());
        logOut.setEnabled(false);
        Action quit = Actions.of("&Quit", Actions.shortcut(KeyEvent.VK_Q), "Close XtremWeb", e -> close());
        Action refresh = Actions.of("&Refresh", Actions.key(KeyEvent.VK_F5), "Load the shown tab again from the server",
                e -> shown().ifPresent(view -> refresh(view, false)));
        autoRefresh = new JCheckBoxMenuItem("Refresh automatically", prefs.autoRefresh());
        autoRefresh.setMnemonic('A');
        autoRefresh.setToolTipText("Keep the shown tab up to date without pressing Refresh");
        autoRefresh.addActionListener(e -> prefs.autoRefresh(autoRefresh.isSelected()));

        JMenuBar bar = new JMenuBar();
        JMenu file = menu("&File", "Log in, log out, quit");
        file.add(logIn);
        file.add(logOut);
        file.addSeparator();
        file.add(quit);
        JMenu view = menu("&View", "Refresh, theme");
        view.add(refresh);
        view.add(autoRefresh);
        view.addSeparator();
        view.add(themeMenu());
        JMenu help = menu("&Help", "About XtremWeb");
        help.add(Actions.of("&Keyboard shortcuts", Actions.key(KeyEvent.VK_F1), "List the keys that do things",
                e -> shortcuts()));
        help.add(Actions.of("&About XtremWeb", null, "Version and where to learn more", e -> about()));
        bar.add(file);
        bar.add(view);
        bar.add(help);
        setJMenuBar(bar);

        tabs.setName("tabs");
        tabs.addChangeListener(e -> shown().ifPresent(v -> {
            refresh(v, true);
            statusBar.tabShown(v.title());
            javax.swing.SwingUtilities.invokeLater(v::focus);
        }));
        // Ctrl+1 to Ctrl+9 show the tabs (Alt+letter is the buttons' mnemonics).
        for (int i = 0; i < 9; i++) {
            int index = i;
            getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(Actions.shortcut(KeyEvent.VK_1 + i), "tab" + i);
            getRootPane().getActionMap().put("tab" + i, Actions.of("Tab " + (i + 1), null, "Show tab " + (i + 1), e -> {
                if (index < tabs.getTabCount()) {
                    tabs.setSelectedIndex(index);
                }
            }));
        }
        center.add(welcome(logIn), WELCOME);
        center.add(tabs, TABS);
        add(center, BorderLayout.CENTER);
        add(statusBar, BorderLayout.SOUTH);

        setDefaultCloseOperation(DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                close();
            }
        });
        placeWindow();
        refresher.start();
    }

    /** What the window offers outside the tabs (logging in and out). */
    public Shell shell() {
        return new Shell(background, statusBar, prefs, this);
    }

    /** What the window offers the tab titled {@code tab}: its messages name it when another tab is shown. */
    public Shell shell(String tab) {
        return new Shell(background, statusBar.of(tab), prefs, this);
    }

    public Background background() {
        return background;
    }

    /** Logged in: the title and status bar say who and where; {@code newViews} become the tabs. */
    public void connected(String who, List<View> newViews) {
        setTitle(TITLE + " - " + who);
        statusBar.who(who);
        logOut.setEnabled(true);
        views.clear();
        lastRefresh.clear();
        tabs.removeAll();
        for (View view : newViews) {
            views.add(view);
            String title = view.title();
            int index = tabs.getTabCount();
            String key = index < 9 ? " (" + shortcutName() + "+" + (index + 1) + ")" : "";
            tabs.addTab(title, null, view.component(), view.tooltip() + key);
            // A label of its own: at some font sizes the tab's own title was measured narrower than
            // it is drawn, and cut ("Wor...").
            JLabel label = new JLabel(title);
            label.setName("tab." + title);
            label.setToolTipText(view.tooltip() + key);
            // A label with a tooltip takes the mouse's clicks: it passes them on to select its tab.
            label.addMouseListener(new java.awt.event.MouseAdapter() {
                @Override
                public void mousePressed(java.awt.event.MouseEvent e) {
                    tabs.setSelectedIndex(tabs.indexOfTabComponent(label));
                }
            });
            tabs.setTabComponentAt(index, label);
        }
        cards.show(center, TABS);
        widenToShowTheTabsWhole();
        shown().ifPresent(view -> {
            statusBar.tabShown(view.title());
            refresh(view, false);
            javax.swing.SwingUtilities.invokeLater(view::focus);
        });
        statusBar.rowsChanged();
    }

    public void disconnected() {
        setTitle(TITLE + " - not connected");
        statusBar.who("not connected");
        logOut.setEnabled(false);
        views.clear();
        tabs.removeAll();
        cards.show(center, WELCOME);
        statusBar.rowsChanged();
    }

    /** Shows the tab of {@code view}. */
    public void select(View view) {
        int index = views.indexOf(view);
        if (index >= 0) {
            tabs.setSelectedIndex(index);
        }
    }

    private static String shortcutName() {
        return java.awt.Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx() == java.awt.event.InputEvent.META_DOWN_MASK
                ? "Cmd" : "Ctrl";
    }

    private java.util.Optional<View> shown() {
        int index = tabs.getSelectedIndex();
        return index < 0 || index >= views.size() ? java.util.Optional.empty() : java.util.Optional.of(views.get(index));
    }

    private String rowsText() {
        return shown().map(View::rowsText).orElse(" ");
    }

    private void refresh(View view, boolean quiet) {
        lastRefresh.put(view, System.nanoTime());
        view.refresh(quiet);
    }

    /** Every second: the shown tab is refreshed when its period has passed (and the user wants it). */
    private void tick() {
        if (!autoRefresh.isSelected() || !isShowing()) {
            return;
        }
        shown().ifPresent(view -> {
            Duration every = view.refreshEvery();
            Long last = lastRefresh.get(view);
            if (!every.isZero() && (last == null || System.nanoTime() - last >= every.toNanos())) {
                refresh(view, true);
            }
        });
    }

    private JMenu menu(String name, String tooltip) {
        int amp = name.indexOf('&');
        JMenu menu = new JMenu(name.replace("&", ""));
        menu.setMnemonic(name.charAt(amp + 1));
        menu.setToolTipText(tooltip);
        return menu;
    }

    private JMenu themeMenu() {
        JMenu menu = menu("&Theme", "Light, dark, or as the desktop is");
        ButtonGroup group = new ButtonGroup();
        Theme current = Theme.named(prefs.theme(Theme.SYSTEM.name())).orElse(Theme.SYSTEM);
        for (Theme theme : Theme.values()) {
            JRadioButtonMenuItem item = new JRadioButtonMenuItem(theme.label(), theme == current);
            item.setName("theme." + theme.name().toLowerCase(java.util.Locale.ROOT));
            item.setToolTipText(theme == Theme.SYSTEM ? "Dark when the desktop prefers dark windows, light otherwise"
                    : "Always " + theme.label().toLowerCase(java.util.Locale.ROOT));
            item.addActionListener(e -> {
                prefs.rememberTheme(theme.name());
                theme.switchTo();
            });
            group.add(item);
            menu.add(item);
        }
        return menu;
    }

    private JComponent welcome(Action logIn) {
        JPanel panel = new JPanel();
        panel.setLayout(new BoxLayout(panel, BoxLayout.PAGE_AXIS));
        int gap = UIScale.scale(24);
        panel.setBorder(BorderFactory.createEmptyBorder(gap * 3, gap, gap, gap));
        JLabel title = new JLabel("Not connected", SwingConstants.CENTER);
        title.putClientProperty(FlatClientProperties.STYLE_CLASS, "h1");
        JLabel text = new JLabel("<html><div style='text-align:center'>Log in to a server to see your works, apps and"
                + " data,<br>submit jobs and fetch their results.</div></html>", SwingConstants.CENTER);
        JButton button = new JButton(logIn);
        button.setName("welcome.login");
        for (JComponent c : new JComponent[] {title, text, button}) {
            c.setAlignmentX(CENTER_ALIGNMENT);
            panel.add(c);
            panel.add(javax.swing.Box.createVerticalStrut(gap / 2));
        }
        return panel;
    }

    private void shortcuts() {
        JOptionPane.showMessageDialog(this, """
                <html><table>
                <tr><td><b>Ctrl+L</b></td><td>Log in as...</td></tr>
                <tr><td><b>F5</b></td><td>Refresh the shown tab</td></tr>
                <tr><td><b>Ctrl+1 ... Ctrl+8</b></td><td>Show the first ... eighth tab</td></tr>
                <tr><td><b>Alt+letter</b></td><td>The button or menu whose letter is underlined (hold Alt to see them)</td></tr>
                <tr><td><b>Ctrl+N</b></td><td>Submit a work / insert (in the shown tab)</td></tr>
                <tr><td><b>Enter</b></td><td>Details of the selected row</td></tr>
                <tr><td><b>Ctrl+D</b></td><td>Download the selected result or data</td></tr>
                <tr><td><b>Delete</b></td><td>Delete the selected rows</td></tr>
                <tr><td><b>Ctrl+F</b></td><td>Search the works</td></tr>
                <tr><td><b>Ctrl+Q</b></td><td>Quit</td></tr>
                </table></html>""".replace("Ctrl", shortcutName()),
                "Keyboard shortcuts", JOptionPane.INFORMATION_MESSAGE);
    }

    private void about() {
        String version = getClass().getPackage().getImplementationVersion();
        JOptionPane.showMessageDialog(this, "<html><b>XtremWeb</b> " + (version == null ? "" : version)
                + "<br>A volunteer desktop grid: submit jobs, volunteers' PCs compute them.<br>"
                + "The command line does the same: bin/xtremweb.client --help</html>", "About XtremWeb",
                JOptionPane.INFORMATION_MESSAGE);
    }

    /**
     * A window at its first, default size grows (within the screen) to the width its tabs' tables ask
     * for: at 1,100 pixels the Works table's last column, the UID people copy into the command line,
     * was cut behind a scroll bar. A size the user chose or that was remembered is left alone.
     */
    private void widenToShowTheTabsWhole() {
        if (!placedByDefault || (getExtendedState() & Frame.MAXIMIZED_BOTH) != 0) {
            return;
        }
        placedByDefault = false;
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        int width = widthShowingWhole(getWidth(), getPreferredSize().width, screen.width);
        if (width > getWidth()) {
            setSize(width, getHeight());
            setLocationRelativeTo(null);
        }
    }

    /** The window's width that shows {@code wanted} pixels of content, never narrower than now nor wider than the screen. */
    static int widthShowingWhole(int current, int wanted, int screen) {
        return Math.max(current, Math.min(screen, wanted));
    }

    /** Where the window was last time, if that is still on a screen; a comfortable size otherwise. */
    private void placeWindow() {
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        Rectangle remembered = prefs.windowBounds().filter(screen::intersects).orElse(null);
        if (remembered != null) {
            setBounds(remembered);
        } else {
            setSize(new Dimension(Math.min(screen.width, UIScale.scale(1100)), Math.min(screen.height, UIScale.scale(680))));
            setLocationRelativeTo(null);
            placedByDefault = true;
        }
        if (prefs.maximized()) {
            setExtendedState(Frame.MAXIMIZED_BOTH);
        }
    }

    private void close() {
        boolean maximized = (getExtendedState() & Frame.MAXIMIZED_BOTH) == Frame.MAXIMIZED_BOTH;
        // A maximised window keeps the size it had before, for when it is restored.
        prefs.windowBounds(maximized ? prefs.windowBounds().orElse(getBounds()) : getBounds(), maximized);
        prefs.flush();
        refresher.stop();
        dispose();
    }
}
