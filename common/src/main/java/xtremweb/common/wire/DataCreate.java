package xtremweb.common.wire;

/**
 * {@code POST /api/v1/datas}: describes a data object; its bytes follow with
 * {@code PUT /api/v1/datas/{uid}/content}. {@code size} and {@code sha256}, when given, are checked
 * against what arrives. {@code accessRights} defaults to public (0x755), as the manual says.
 */
public record DataCreate(String name, String type, String os, String cpu, Long size, String sha256, String accessRights) {
    public DataCreate {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a data needs a name");
        }
        if (size != null && size < 0) {
            throw new IllegalArgumentException("size cannot be negative");
        }
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hexadecimal digits");
        }
    }
}
