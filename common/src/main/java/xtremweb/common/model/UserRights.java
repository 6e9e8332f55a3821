package xtremweb.common.model;

/**
 * User rights, lowest to highest. The manual puts WORKER_USER <em>below</em> STANDARD_USER: a worker
 * identity may only run works assigned to its host, never insert anything of its own.
 */
public enum UserRights {
    NONE,
    WORKER_USER,
    STANDARD_USER,
    ADVANCED_USER,
    SUPER_USER;

    public boolean atLeast(UserRights other) {
        return compareTo(other) >= 0;
    }

    /** The level with its article, as a sentence says it: "a SUPER_USER", "an ADVANCED_USER". */
    public String withArticle() {
        return (this == ADVANCED_USER ? "an " : "a ") + name();
    }
}
