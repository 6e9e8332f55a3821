package xtremweb.client.api;

import xtremweb.common.http.XwConnectException;

/**
 * Turns a failure to reach the server into the sentence that names what to fix: the configuration
 * key ({@code dispatcher.servers}, {@code port.https}, {@code path.certfile}) and the file it is in.
 * Only the client knows that file, so the common HTTP layer leaves this last step to it.
 */
final class ServerAddressHelp {
    private ServerAddressHelp() {
    }

    static XwConnectException explain(XwConnectException e, ClientSettings settings) {
        if (e.reason() == XwConnectException.Reason.OTHER) {
            return e;
        }
        // dispatcher.servers may list several servers: then each was tried in turn.
        String where = settings.host().contains(" ") ? "any of " + settings.host() + " (port.https " + settings.port() + ")"
                : settings.host() + ":" + settings.port();
        if (settings.fromLoginDialog()) {
            // The values were typed in the GUI's dialog: the fix is there, not in a file the user never edited.
            String fix = "fix the server in the Log in dialog (File > Log in as...)";
            String message = switch (e.reason()) {
                case UNKNOWN_HOST -> "cannot find the server '" + settings.host() + "': the name does not resolve; " + fix;
                case REFUSED -> "nothing answers at " + where + "; start the server there, or " + fix;
                case CERTIFICATE -> "the server at " + where + " does not have the certificate pinned in the Log in dialog ("
                        + settings.certFile() + "); choose the server's xwserver.pem there";
                case OTHER -> e.getMessage();
            };
            return new XwConnectException(e.reason(), message, e.getCause(), e.server().orElse(null));
        }
        String message = switch (e.reason()) {
            case UNKNOWN_HOST -> "cannot find the server '" + settings.host() + "': the name does not resolve;"
                    + " fix dispatcher.servers in " + settings.source();
            case REFUSED -> "nothing answers at " + where + "; start the server there, or fix dispatcher.servers"
                    + " or port.https in " + settings.source();
            case CERTIFICATE -> "the server at " + where + " does not have the certificate pinned by path.certfile ("
                    + settings.certFile() + " in " + settings.source() + "); copy the server's xwserver.pem there";
            case OTHER -> e.getMessage();
        };
        return new XwConnectException(e.reason(), message, e.getCause(), e.server().orElse(null));
    }
}
