/**
 * The grid's status page ({@code /status}) and the JSON it reads ({@code /api/v1/status}): hosts,
 * works, throughput and dispatch latency over the last hour or day as server-drawn SVG charts,
 * the queue, one's own works, and for administrators the latest errors. No script or font comes
 * from anywhere but this server.
 */
package xtremweb.server.status;
