package xtremweb.common.wire;

import java.time.Instant;
import java.util.List;

/** An app and its binaries, one per OS/CPU. */
public record AppView(String uid, String name, String ownerUid, String accessRights, List<AppBinary> binaries, Instant created) {
    public AppView {
        binaries = binaries == null ? List.of() : List.copyOf(binaries);
    }
}
