package xtremweb.gui.prefs;

import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the GUI remembers for its user between runs, through {@link Preferences} (per OS user): the
 * window's place and size, each table's columns and sort, the theme, the folders last used, and the
 * server and login last typed. Never a password, never a token: nothing here is secret.
 */
public final class UserPrefs {
    private static final Logger LOG = LoggerFactory.getLogger(UserPrefs.class);
    private final Preferences node;

    public UserPrefs(Preferences node) {
        this.node = node;
    }

    /** The preferences of the user running the GUI. */
    public static UserPrefs forUser() {
        return new UserPrefs(Preferences.userRoot().node("xtremweb/gui"));
    }

    public Optional<Rectangle> windowBounds() {
        int w = node.getInt("window.width", 0);
        int h = node.getInt("window.height", 0);
        if (w <= 0 || h <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Rectangle(node.getInt("window.x", 0), node.getInt("window.y", 0), w, h));
    }

    public void windowBounds(Rectangle bounds, boolean maximized) {
        write(() -> node.putInt("window.x", bounds.x));
        write(() -> node.putInt("window.y", bounds.y));
        write(() -> node.putInt("window.width", bounds.width));
        write(() -> node.putInt("window.height", bounds.height));
        write(() -> node.putBoolean("window.maximized", maximized));
    }

    public boolean maximized() {
        return node.getBoolean("window.maximized", false);
    }

    public String theme(String fallback) {
        return node.get("theme", fallback);
    }

    public void rememberTheme(String theme) {
        write(() -> node.put("theme", theme));
    }

    public boolean autoRefresh() {
        return node.getBoolean("autoRefresh", true);
    }

    public void autoRefresh(boolean on) {
        write(() -> node.putBoolean("autoRefresh", on));
    }

    /** A table's columns (order and widths) and sort, as the table writes them. */
    public String table(String name) {
        return node.get("table." + name, "");
    }

    public void table(String name, String state) {
        write(() -> node.put("table." + name, state));
    }

    /** The folder last used for {@code purpose} (results, downloads, uploads), if it still exists. */
    public Optional<Path> folder(String purpose) {
        return Optional.ofNullable(node.get("folder." + purpose, null)).map(Path::of).filter(Files::isDirectory);
    }

    public void folder(String purpose, Path folder) {
        write(() -> node.put("folder." + purpose, folder.toAbsolutePath().toString()));
    }

    /** The server ({@code host:port}), certificate and login last logged in with. */
    public Optional<String> lastLogin(String field) {
        return Optional.ofNullable(node.get("login." + field, null));
    }

    public void lastLogin(String field, String value) {
        write(() -> node.put("login." + field, value));
    }

    /** Remembering is a convenience: a store that cannot take a value (removed meanwhile) never stops the GUI. */
    private void write(Runnable put) {
        try {
            put.run();
        } catch (IllegalStateException e) {
            LOG.debug("preference not saved: {}", e.getMessage());
        }
    }

    /** Writes to the backing store now (it is written in the background otherwise); failures are only logged. */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            LOG.warn("cannot save the GUI's preferences: {}", e.getMessage());
        }
    }
}
