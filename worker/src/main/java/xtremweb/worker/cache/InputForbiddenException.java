package xtremweb.worker.cache;

import java.io.IOException;

/**
 * The worker refuses to fetch an external input (a scheme other than http or https, or a host on
 * the volunteer's own network): asking again would get the same answer.
 */
public final class InputForbiddenException extends IOException {
    public InputForbiddenException(String message) {
        super(message);
    }
}
