/** Works (jobs): submission, listing, deletion and the work state machine. */
package xtremweb.server.work;
