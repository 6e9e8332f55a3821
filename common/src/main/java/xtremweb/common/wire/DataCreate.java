package xtremweb.common.wire;

/**
 * {@code POST /api/v1/datas}: describes a data object; its bytes follow with
 * {@code PUT /api/v1/datas/{uid}/content}. {@code size} and {@code sha256}, when given, are checked
 * against what arrives. {@code accessRights} defaults to public (0x755), as the manual says.
 */
public record DataCreate(String name, String type, String os, String cpu, Long size, String sha256, String accessRights,
                         String uri) {
    /** Data whose bytes the server will hold (uploaded next). */
    /**
     * The largest size a data may declare: 1 PiB, more than a grid server's store holds. Without a
     * bound, a size near 2^63 made its owner's usage (the sum of their sizes) overflow, and every
     * later upload of theirs failed until housekeeping removed it.
     */
    public static final long LARGEST = 1L << 50;

    public DataCreate(String name, String type, String os, String cpu, Long size, String sha256, String accessRights) {
        this(name, type, os, cpu, size, sha256, accessRights, null);
    }

    /**
     * {@code uri}, when given, is where the data lives ({@code http://} or {@code https://}): the
     * server stores no bytes, and size and SHA-256 are required so every download can be checked.
     */
    public DataCreate {
        if (uri != null && !(uri.startsWith("http://") || uri.startsWith("https://"))) {
            throw new IllegalArgumentException("a data URI must start with http:// or https://, not '" + uri + "'");
        }
        if (uri != null && (size == null || sha256 == null)) {
            throw new IllegalArgumentException("data living at " + uri + " needs its size and SHA-256");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a data needs a name");
        }
        if (size != null && size < 0) {
            throw new IllegalArgumentException("size cannot be negative");
        }
        if (size != null && size > LARGEST) {
            throw new IllegalArgumentException("a size of " + size + " bytes is more than any data may be (at most " + LARGEST
                    + " bytes, 1 PiB)");
        }
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hexadecimal digits");
        }
    }
}
