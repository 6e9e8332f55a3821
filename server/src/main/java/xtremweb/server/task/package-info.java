/**
 * The life of a task after a claim: its inputs, the result upload, the report, the give-back, leases
 * and heartbeats, the reaper of expired leases, and hosts that depart. The {@code scheduler} package
 * matches works to hosts and claims them (a claim inserts the task row, through this package's
 * {@link xtremweb.server.task.TaskRepository}); from then on the task is this package's.
 */
package xtremweb.server.task;
