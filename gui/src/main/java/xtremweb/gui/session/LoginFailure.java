package xtremweb.gui.session;

import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;

/**
 * Why a login failed, each with its own dialog as the manual has them: the server does not answer
 * (nothing listens there, the name does not resolve), it is not the pinned server (wrong
 * certificate), or it refused the login. The sentence inside is the one the command line prints.
 */
public enum LoginFailure {
    NO_ANSWER("The server does not answer"),
    CERTIFICATE("Wrong server certificate"),
    REFUSED("Login refused"),
    OTHER("Cannot log in");

    private final String title;

    LoginFailure(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public static LoginFailure of(Throwable error) {
        if (error instanceof XwConnectException connect) {
            return connect.reason() == XwConnectException.Reason.CERTIFICATE ? CERTIFICATE : NO_ANSWER;
        }
        if (error instanceof XwApiException api && (api.status() == 401 || api.status() == 403 || api.status() == 429)) {
            return REFUSED;
        }
        return OTHER;
    }
}
