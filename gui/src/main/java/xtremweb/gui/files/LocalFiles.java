package xtremweb.gui.files;

import java.awt.Component;
import java.awt.Desktop;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.swing.JFileChooser;
import xtremweb.gui.prefs.UserPrefs;

/**
 * Choosing where files come from and go to, each purpose ("results", "data", "uploads") starting
 * where the user was last time, and opening what was downloaded with the desktop's own application.
 */
public final class LocalFiles {
    private LocalFiles() {
    }

    public static Optional<Path> chooseFolder(Component parent, UserPrefs prefs, String purpose, String title) {
        JFileChooser chooser = chooser(prefs, purpose, title);
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setApproveButtonText("Choose");
        chooser.setApproveButtonToolTipText("Use this folder");
        if (chooser.showDialog(parent, "Choose") != JFileChooser.APPROVE_OPTION) {
            return Optional.empty();
        }
        Path folder = chooser.getSelectedFile().toPath();
        prefs.folder(purpose, folder);
        return Optional.of(folder);
    }

    public static List<Path> chooseFiles(Component parent, UserPrefs prefs, String purpose, String title, boolean many) {
        JFileChooser chooser = chooser(prefs, purpose, title);
        chooser.setMultiSelectionEnabled(many);
        if (chooser.showOpenDialog(parent) != JFileChooser.APPROVE_OPTION) {
            return List.of();
        }
        File[] chosen = many ? chooser.getSelectedFiles() : new File[] {chooser.getSelectedFile()};
        List<Path> paths = java.util.Arrays.stream(chosen).map(File::toPath).toList();
        if (!paths.isEmpty() && paths.get(0).getParent() != null) {
            prefs.folder(purpose, paths.get(0).getParent());
        }
        return paths;
    }

    /** Where to save a file, proposing {@code name}. */
    public static Optional<Path> chooseTarget(Component parent, UserPrefs prefs, String purpose, String title, String name) {
        JFileChooser chooser = chooser(prefs, purpose, title);
        chooser.setSelectedFile(new File(chooser.getCurrentDirectory(), proposedName(name)));
        if (chooser.showSaveDialog(parent) != JFileChooser.APPROVE_OPTION) {
            return Optional.empty();
        }
        Path target = chooser.getSelectedFile().toPath();
        if (target.getParent() != null) {
            prefs.folder(purpose, target.getParent());
        }
        return Optional.of(target);
    }

    /**
     * The file name a save dialog proposes for a name that came from the server (another user chose it):
     * its last part, without leading dots, so that a data named "../../.bashrc" is proposed as "bashrc"
     * in the folder shown, never as a file elsewhere nor as a hidden file of the user's home.
     */
    static String proposedName(String name) {
        String last = name == null ? "" : name.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1).replaceFirst("^\\.+", "");
        return last.isBlank() ? "download" : last;
    }

        /** Opens a file or folder with the desktop's application; false where the desktop cannot (no desktop, a server). */
    public static boolean open(Path path) {
        if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            return false;
        }
        try {
            Desktop.getDesktop().open(path.toFile());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static JFileChooser chooser(UserPrefs prefs, String purpose, String title) {
        JFileChooser chooser = new JFileChooser(prefs.folder(purpose).map(Path::toFile).orElse(null));
        chooser.setName("chooser." + purpose);
        chooser.setDialogTitle(title);
        return chooser;
    }
}
