package xtremweb.common.wire;

/** {@code POST /api/v1/usergroups} (SUPER_USER only): a new user group with a unique label. */
public record UsergroupCreate(String label) {
    public static final String LABEL_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    public UsergroupCreate {
        if (label == null || !label.matches(LABEL_PATTERN)) {
            throw new IllegalArgumentException("a user group label is 1 to 100 letters, digits, '.', '_' or '-', got '" + label + "'");
        }
    }
}
