package xtremweb.worker.cache;

import java.io.IOException;

/** Downloaded bytes differ from what the server declared (size or SHA-256), or nothing could be declared. */
public final class InputRejectedException extends IOException {
    public InputRejectedException(String message) {
        super(message);
    }
}
