/** What the GUI remembers for its user between runs: window, columns, theme, folders. Never a password. */
package xtremweb.gui.prefs;
