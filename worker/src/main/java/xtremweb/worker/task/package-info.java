/**
 * One task from assignment to report: inputs through the cache, the job run in its scratch
 * directory, result upload and status report, and the registry of running tasks that heartbeats
 * and cancellations act on.
 */
package xtremweb.worker.task;
