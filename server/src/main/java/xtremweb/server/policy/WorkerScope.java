package xtremweb.server.policy;

/**
 * Which works a worker may run, from the identity it logged in with (manual, "worker
 * delegation"): PUBLIC for a WORKER_USER without group, GROUP for a WORKER_USER in a user group,
 * PRIVATE (its owner's works only) for any other identity.
 */
public enum WorkerScope {
    PUBLIC,
    GROUP,
    PRIVATE
}
