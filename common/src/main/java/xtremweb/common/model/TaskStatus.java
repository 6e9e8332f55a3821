package xtremweb.common.model;

/** One attempt of a work on one host. */
public enum TaskStatus {
    /** The host holds a lease on the work. */
    RUNNING,
    /** The host reported the work finished (COMPLETED or ERROR). */
    DONE,
    /** The lease expired or the host gave the work back; the work was re-queued. */
    LOST
}
