package xtremweb.server.http;

import java.util.Optional;
import xtremweb.server.policy.Caller;

/** Turns a bearer token into the caller it belongs to, if it is valid now. */
@FunctionalInterface
public interface Authenticator {
    Optional<Caller> resolve(String bearerToken);

    /**
     * The caller of a token this server resolved lately, from memory only (no database read);
     * empty when it is not remembered. Asked instead of {@link #resolve} for an address refused
     * database look-ups ({@link FailedTokens}).
     */
    default Optional<Caller> remembered(String bearerToken) {
        return Optional.empty();
    }
}
