/** Logging in: the manual's "Login as..." dialog, prefilled from the client configuration, and the session it opens. */
package xtremweb.gui.session;
