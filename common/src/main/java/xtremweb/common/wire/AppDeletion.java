package xtremweb.common.wire;

/**
 * {@code DELETE /api/v1/apps/{uidOrName}}: the app deleted and how many of its works, that no worker
 * had started, ended in {@code ERROR} with it (a deleted app is given to no worker), so that
 * {@code xwrm} says so instead of leaving the user to find them failed.
 */
public record AppDeletion(String uid, String name, int worksEnded) {
}
