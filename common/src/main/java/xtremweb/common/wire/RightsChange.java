package xtremweb.common.wire;

/**
 * {@code PUT /api/v1/{collection}/{uid}/rights}: new access rights, numeric ({@code 0x750},
 * {@code 750}) or a symbolic mode applied to the current ones ({@code go-rx}).
 */
public record RightsChange(String rights) {
    public RightsChange {
        if (rights == null || rights.isBlank()) {
            throw new IllegalArgumentException("give the new rights, like 0x750 or go-rx");
        }
    }
}
