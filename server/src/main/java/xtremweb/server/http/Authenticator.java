package xtremweb.server.http;

import java.util.Optional;
import xtremweb.server.policy.Caller;

/** Turns a bearer token into the caller it belongs to, if it is valid now. */
@FunctionalInterface
public interface Authenticator {
    Optional<Caller> resolve(String bearerToken);
}
