package xtremweb.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import xtremweb.common.http.XwConnectException;

/** A server that cannot be reached is explained in terms of where its address and certificate were given. */
class ServerAddressHelpTest {
    private static String explained(XwConnectException.Reason reason, String source) {
        ClientSettings settings = new ClientSettings("localhost", 4400, Path.of("/keys/other.pem"), "alice", "pw", source);
        return ServerAddressHelp.explain(new XwConnectException(reason, "raw", null), settings).getMessage();
    }

    @Test
    void aConfigurationFileIsNamedWithItsKeys() {
        assertThat(explained(XwConnectException.Reason.REFUSED, "/home/alice/.xtremweb/xwrc"))
                .isEqualTo("nothing answers at localhost:4400; start the server there, or fix dispatcher.servers"
                        + " or port.https in /home/alice/.xtremweb/xwrc");
    }

    @Test
    void valuesTypedInTheLoginDialogAreFixedInTheDialogNotInAFile() {
        assertThat(explained(XwConnectException.Reason.REFUSED, ClientSettings.LOGIN_DIALOG))
                .isEqualTo("nothing answers at localhost:4400; start the server there, or fix the server in the Log in"
                        + " dialog (File > Log in as...)");
        assertThat(explained(XwConnectException.Reason.UNKNOWN_HOST, ClientSettings.LOGIN_DIALOG))
                .contains("does not resolve", "Log in dialog").doesNotContain("dispatcher.servers");
        assertThat(explained(XwConnectException.Reason.CERTIFICATE, ClientSettings.LOGIN_DIALOG))
                .isEqualTo("the server at localhost:4400 does not have the certificate pinned in the Log in dialog"
                        + " (/keys/other.pem); choose the server's xwserver.pem there");
    }
}
