/**
 * The one place where server calls run: off the event thread, their progress shown in the status
 * bar, their errors shown as the server's sentence.
 */
package xtremweb.gui.background;
