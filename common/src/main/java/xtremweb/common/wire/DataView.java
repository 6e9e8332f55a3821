package xtremweb.common.wire;

import java.time.Instant;
import xtremweb.common.model.DataStatus;

/** A data object. {@code uri} is {@code xw://host:port/uid} when the server holds its bytes. */
public record DataView(String uid, String name, String type, String os, String cpu, Long size, String sha256,
                       DataStatus status, String accessRights, String ownerUid, String uri, Instant created) {
}
