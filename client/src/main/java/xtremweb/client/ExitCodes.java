package xtremweb.client;

import java.io.UncheckedIOException;
import picocli.CommandLine.ParameterException;
import xtremweb.client.api.ErrorSentences;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.x509.CredentialException;

/** The client's exit codes: a contract with the scripts that call it. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int DENIED = 4;
    static final int UNREACHABLE = 5;

    private ExitCodes() {
    }

    static int of(Throwable error) {
        if (error instanceof ParameterException) {
            return USAGE;
        }
        if (error instanceof XwApiException api) {
            if ("no-such-host".equals(api.code())) {
                return NOT_FOUND; // xwsendwork --xwexpectedhost naming no host: a UID not found, as elsewhere
            }
            if ("replication-policy".equals(api.code()) || "unknown-comparator".equals(api.code())) {
                // --xwquorum 2 --xwinitialcopies 1, --xwcomparator nonsense: the options are wrong, as a 400 says.
                return USAGE;
            }
            return switch (api.status()) {
                case 404 -> NOT_FOUND;
                // 429 comes only from a login slowed down after failed ones: a login refused (for now).
                case 401, 403, 429 -> DENIED;
                case 400 -> USAGE;
                default -> FAILURE;
            };
        }
        if (error instanceof XwConnectException) {
            return UNREACHABLE;
        }
        if (error instanceof CredentialException) {
            // The user's own certificate or key cannot log in: as much a refused login as a 401.
            return DENIED;
        }
        if (error instanceof UncheckedIOException) {
            return FAILURE;
        }
        if (error instanceof IllegalArgumentException) {
            return USAGE;
        }
        return FAILURE;
    }

    /** The one sentence shown for an error. */
    static String message(Throwable error) {
        return printable(ErrorSentences.forPeople(error)
                .orElseGet(() -> "internal error " + error + "; run again with --xwverbose and report it"));
    }

    /**
     * The sentence with its control characters written as {@code \xNN}: a reason may quote bytes
     * another party sent (what a URL given to --xwstdin answered, a server's detail), and an escape
     * sequence among them would act on the user's terminal instead of being read. Line breaks and
     * tabs stay.
     */
    static String printable(String sentence) {
        StringBuilder out = new StringBuilder(sentence.length());
        for (int i = 0; i < sentence.length(); i++) {
            char c = sentence.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
