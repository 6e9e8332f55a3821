package xtremweb.server.policy;

/** What a caller wants to do to an object; the access policy answers each. */
public enum Action {
    READ,
    WRITE,
    EXECUTE,
    /** Mark the object deleted (it stays in history). */
    DELETE,
    /** Change the object's access rights. */
    CHMOD
}
