package xtremweb.client.api;

import java.io.UncheckedIOException;
import java.util.Optional;
import xtremweb.common.config.ConfigException;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.x509.CredentialException;

/**
 * The one sentence a person is shown for an error, the same on the command line and in the GUI:
 * the server's own sentence when it refused, the sentence naming what to fix when it could not be
 * reached or a file or value was wrong. Anything else is a bug, for which there is no sentence.
 */
public final class ErrorSentences {
    private ErrorSentences() {
    }

    /** The sentence for an expected error; empty for a bug (the caller shows its own words and logs the trace). */
    public static Optional<String> forPeople(Throwable error) {
        if (error instanceof java.nio.file.FileSystemException fs) {
            // A file in the way, missing or forbidden (an --xwout naming a file, say): what and why, not a class name.
            return Optional.of(IoReasons.sentence(fs));
        }
        if (error instanceof UncheckedIOException u && u.getCause() instanceof java.nio.file.FileSystemException fs
                && (u.getMessage() == null || u.getMessage().startsWith("java.nio.file."))) {
            return Optional.of(IoReasons.sentence(fs));
        }
        boolean expected = error instanceof XwApiException || error instanceof XwConnectException
                || error instanceof IllegalArgumentException || error instanceof IllegalStateException
                || error instanceof UncheckedIOException || error instanceof ConfigException
                || error instanceof CredentialException;
        return expected ? Optional.ofNullable(error.getMessage()) : Optional.empty();
    }
}
