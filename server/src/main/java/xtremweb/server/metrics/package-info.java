/**
 * What the grid measures of itself: the {@link xtremweb.server.metrics.GridMetrics} facade the
 * scheduler and services call, the census of works and hosts sampled from the database, and
 * {@code GET /metrics} in the Prometheus text format.
 */
package xtremweb.server.metrics;
