/**
 * The volunteer's window ({@code xwgui --xwworker}): what the worker on this machine does, the
 * activation policy's verdict and why, pause and resume, another policy, through the worker's local
 * channel (no server, no network).
 */
package xtremweb.gui.volunteer;
