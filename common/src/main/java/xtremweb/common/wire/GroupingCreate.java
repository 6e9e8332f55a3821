package xtremweb.common.wire;

/**
 * {@code POST /api/v1/sessions} or {@code /api/v1/groups}: a new session or group of works.
 * {@code accessRights} is optional (private, {@code 0x700}, when absent); names need not be unique.
 */
public record GroupingCreate(String name, String accessRights) {
    public GroupingCreate {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a session or group name is 1 to 100 characters, got '" + name + "'");
        }
    }

    public GroupingCreate(String name) {
        this(name, null);
    }
}
