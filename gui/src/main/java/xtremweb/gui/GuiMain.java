package xtremweb.gui;

import java.awt.GraphicsEnvironment;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.util.Optional;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import xtremweb.client.api.ClientSettings;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;
import xtremweb.common.volunteer.LocalChannel;
import xtremweb.gui.look.Theme;
import xtremweb.gui.prefs.UserPrefs;
import xtremweb.gui.volunteer.LocalWorker;
import xtremweb.gui.volunteer.VolunteerWindow;

/**
 * {@code bin/xwgui [--xwconfig FILE] [--xwtheme system|light|dark]}, also reached as
 * {@code xtremweb.client --xwgui}: the graphical client; with {@code --xwworker}, the volunteer's
 * window on the worker of this machine.
 */
public final class GuiMain {
    static final String USAGE = """
            Usage: xwgui [--xwconfig FILE] [--xwtheme system|light|dark]
                   xwgui --xwworker [--xwconfig WORKER_CONF] [--xwtheme system|light|dark]
            Opens the graphical client: log in, follow and submit works, fetch results, manage apps and data.
              --xwconfig FILE   client configuration whose server, certificate and login fill the login dialog
                                (default: ~/.xtremweb/xwrc, then $XW_HOME/conf/xtremweb.client.conf)
              --xwworker        the volunteer's window instead: what the worker on this machine does, pause and
                                resume it, choose when it may compute; --xwconfig then names the worker's
                                configuration (default: $XW_HOME/conf/xtremweb.worker.conf, then
                                ~/.xtremweb/xtremweb.worker.conf). Run it as the user the worker runs as.
              --xwtheme THEME   system (as the desktop is), light or dark; remembered (also in View > Theme)
              --help            show this help""";

    private GuiMain() {
    }

    public static void main(String[] args) {
        Optional<Path> config = Optional.empty();
        Optional<Theme> theme = Optional.empty();
        boolean volunteer = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--xwconfig" -> {
                    if (i + 1 >= args.length) {
                        usage("--xwconfig needs a FILE");
                    }
                    config = Optional.of(Path.of(args[++i]));
                }
                case "--xwtheme" -> {
                    if (i + 1 >= args.length) {
                        usage("--xwtheme needs system, light or dark");
                    }
                    String name = args[++i];
                    theme = Optional.of(Theme.named(name).orElseGet(() -> {
                        usage("--xwtheme takes system, light or dark, not '" + name + "'");
                        return Theme.SYSTEM;
                    }));
                }
                case "--xwworker" -> volunteer = true;
                // --xwgui reaches here from `xtremweb.client --xwgui`; --xwverbose is accepted as everywhere.
                case "--xwgui", "--xwverbose", "--xwnoverbose" -> { }
                case "--help", "--xwhelp", "-h" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> usage("unknown option '" + args[i] + "'");
            }
        }
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("xwgui: there is no display to open a window on (DISPLAY is not set); run it on a desktop,"
                    + " or use the command line: bin/xtremweb.client --help");
            System.exit(1);
        }
        UserPrefs prefs = UserPrefs.forUser();
        theme.ifPresent(t -> prefs.rememberTheme(t.name()));
        Theme chosen = theme.orElseGet(() -> Theme.named(prefs.theme(Theme.SYSTEM.name())).orElse(Theme.SYSTEM));
        Optional<Path> configFile = config;
        // Asking the desktop whether it prefers dark runs its tools: here, not on the event thread.
        Theme.SYSTEM.dark();
        if (volunteer) {
            openVolunteerWindow(configFile, chosen, prefs);
            return;
        }
        SwingUtilities.invokeLater(() -> {
            chosen.install();
            Gui gui = new Gui(prefs, configFile);
            gui.window().addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    System.exit(0);
                }
            });
            gui.start();
        });
    }

    /** The volunteer's window on the worker that {@code workerConfig} (or the usual places) configures. */
    private static void openVolunteerWindow(Optional<Path> workerConfig, Theme theme, UserPrefs prefs) {
        LocalChannel channel;
        try {
            channel = LocalChannel.of(XwConfig.locate(workerConfig, ClientSettings.installDir().toAbsolutePath(), "xtremweb.worker.conf",
                    "xtremweb.worker.conf"));
        } catch (ConfigException e) {
            SwingUtilities.invokeLater(() -> {
                theme.install();
                JOptionPane.showMessageDialog(null, new Object[] {"Cannot find the worker of this machine",
                        e.getMessage() + "."}, "XtremWeb worker", JOptionPane.ERROR_MESSAGE);
                System.exit(2);
            });
            return;
        }
        SwingUtilities.invokeLater(() -> {
            theme.install();
            VolunteerWindow window = new VolunteerWindow(new LocalWorker(channel), prefs);
            window.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    System.exit(0);
                }
            });
            window.start();
        });
    }

    private static void usage(String problem) {
        System.err.println("xwgui: " + problem + "; see 'xwgui --help'");
        System.exit(2);
    }
}
