package xtremweb.common.wire;

import java.time.Instant;
import xtremweb.common.model.DataStatus;

/**
 * A data object. {@code uri} is {@code xw://host:port/uid} when the server holds its bytes.
 * {@code ownerLogin} is its owner's login in listings, for people to read (null elsewhere, or when unknown).
 */
public record DataView(String uid, String name, String type, String os, String cpu, Long size, String sha256,
                       DataStatus status, String accessRights, String ownerUid, String uri, Instant created,
                       String ownerLogin) {
    /** A data object described without its owner's login. */
    public DataView(String uid, String name, String type, String os, String cpu, Long size, String sha256,
                    DataStatus status, String accessRights, String ownerUid, String uri, Instant created) {
        this(uid, name, type, os, cpu, size, sha256, status, accessRights, ownerUid, uri, created, null);
    }

    /** This data with its owner's login. */
    public DataView withOwnerLogin(String login) {
        return new DataView(uid, name, type, os, cpu, size, sha256, status, accessRights, ownerUid, uri, created, login);
    }
}
