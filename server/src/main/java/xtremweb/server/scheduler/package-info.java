/** Matching pending works to hosts: the ready queue and the claim (what a task becomes then lives in {@code task}). */
package xtremweb.server.scheduler;
