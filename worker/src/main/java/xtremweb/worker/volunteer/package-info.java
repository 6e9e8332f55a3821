/**
 * The worker's side of the volunteer's window ({@code xwgui --xwworker}): what its owner asks (pause,
 * another activation policy) taken at each poll, and the status the window shows.
 */
package xtremweb.worker.volunteer;
