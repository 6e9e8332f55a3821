/**
 * The main window and what every tab is made of: tabs as {@link xtremweb.gui.frame.View}s, menus,
 * the status bar, actions (named, with mnemonic, shortcut and tooltip) and forms for dialogs.
 */
package xtremweb.gui.frame;
