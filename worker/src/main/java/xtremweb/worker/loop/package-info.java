/** The worker's cycle: ask for work (long poll) while a pool slot is free, heartbeat the running tasks. */
package xtremweb.worker.loop;
