/**
 * Result certification: workers are untrusted, so a work may be computed by several copies on
 * independent hosts and its result is the one a quorum of them agree on. The replication policy
 * ({@link xtremweb.server.certification.ReplicationPolicy}), the comparators that decide agreement
 * ({@link xtremweb.server.certification.ResultComparator}, a service interface a deployment may
 * implement), where copies may go ({@link xtremweb.server.certification.CopyPlacements}) and the
 * validation itself ({@link xtremweb.server.certification.Certifier}).
 */
package xtremweb.server.certification;
