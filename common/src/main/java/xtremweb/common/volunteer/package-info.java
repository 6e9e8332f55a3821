/**
 * The local channel between a worker and its owner's window ({@code xwgui --xwworker}): a status file
 * the worker writes and a control file the window writes, both in the worker's private directory.
 */
package xtremweb.common.volunteer;
