package xtremweb.common.model;

/** Whether a data object's content is on the server yet. */
public enum DataStatus {
    /** Described but its content not (fully) uploaded. */
    UNAVAILABLE,
    /** Content stored and verified. */
    AVAILABLE
}
