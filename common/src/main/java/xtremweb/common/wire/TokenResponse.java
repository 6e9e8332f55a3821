package xtremweb.common.wire;

import java.time.Instant;
import xtremweb.common.model.UserRights;

/** Answer to a login: a bearer token for the {@code Authorization} header and who it stands for. */
public record TokenResponse(String token, Instant expires, String userUid, String login, UserRights rights) {
    @Override
    public String toString() {
        return "TokenResponse[login=" + login + ", rights=" + rights + ", expires=" + expires + ", token=***]";
    }
}
