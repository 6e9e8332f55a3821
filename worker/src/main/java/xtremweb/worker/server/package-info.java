/**
 * Talking to the server: the host identity kept across restarts, log-in and registration, the host
 * token renewed on 401, and the back-off used while the server cannot be reached.
 */
package xtremweb.worker.server;
