package xtremweb.common.wire;

import java.time.Instant;
import java.util.List;

/**
 * A task given to a host: what to run, with which inputs, until when the lease holds.
 *
 * @param ownerKey an opaque key, the same for every task of one owner and different between
 *                 owners (a digest, not the owner's UID): a worker may run tasks of one key one
 *                 after another in one sandbox ({@code sandbox.reuse}), never tasks of two keys.
 *                 Null from a server that does not send it: every task then gets a fresh sandbox.
 */
public record Assignment(String taskUid, String workUid, String appName, List<String> args, InputRef binary,
                         InputRef stdin, InputRef env, Instant leaseExpires, String ownerKey) {
    public Assignment {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** An assignment without an owner key, as servers before it sent. */
    public Assignment(String taskUid, String workUid, String appName, List<String> args, InputRef binary,
                      InputRef stdin, InputRef env, Instant leaseExpires) {
        this(taskUid, workUid, appName, args, binary, stdin, env, leaseExpires, null);
    }
}
