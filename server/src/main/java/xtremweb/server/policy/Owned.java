package xtremweb.server.policy;

import xtremweb.common.rights.AccessRights;

/** What the access policy needs to know about an object: its owner, the owner's group and its rights. */
public record Owned(String ownerUid, String ownerGroupUid, AccessRights rights) {
}
