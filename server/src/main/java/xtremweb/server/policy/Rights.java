package xtremweb.server.policy;

import xtremweb.common.rights.AccessRights;
import xtremweb.server.refusal.InvalidInput;

/** Parses the rights a caller asks for, answering a bad spelling with a 400 that shows the good ones. */
public final class Rights {
    private Rights() {
    }

    /** {@code mode} (numeric or symbolic) applied to {@code current}. */
    public static AccessRights apply(AccessRights current, String mode) {
        try {
            return current.apply(mode);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("bad access rights '" + mode + "'; write them like 0x755, 750 or go-rx");
        }
    }
}
