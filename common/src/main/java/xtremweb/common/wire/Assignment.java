package xtremweb.common.wire;

import java.time.Instant;
import java.util.List;

/** A task given to a host: what to run, with which inputs, until when the lease holds. */
public record Assignment(String taskUid, String workUid, String appName, List<String> args, InputRef binary,
                         InputRef stdin, InputRef env, Instant leaseExpires) {
    public Assignment {
        args = args == null ? List.of() : List.copyOf(args);
    }
}
