/** Matching pending works to hosts, task leases, heartbeats and the lost-task reaper. */
package xtremweb.server.scheduler;
