package xtremweb.common.wire;

import java.util.List;

/** Tasks the host must stop (work deleted, lease lost) and the alive period the server wants. */
public record HeartbeatReply(List<String> cancelTaskUids, int alivePeriodSeconds) {
    public HeartbeatReply {
        cancelTaskUids = cancelTaskUids == null ? List.of() : List.copyOf(cancelTaskUids);
    }
}
