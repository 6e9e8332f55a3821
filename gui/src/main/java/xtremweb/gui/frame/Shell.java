package xtremweb.gui.frame;

import java.awt.Component;
import xtremweb.gui.background.Background;
import xtremweb.gui.prefs.UserPrefs;

/** What every tab needs from the window around it: server calls, the status bar, preferences, a parent for dialogs. */
public record Shell(Background background, Status status, UserPrefs prefs, Component window) {
}
