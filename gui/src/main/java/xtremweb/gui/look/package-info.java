/** How the GUI looks: FlatLaf light or dark (following the system where it can tell), status colours. */
package xtremweb.gui.look;
