package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;

/** What a new administrator meets first when port 4325 is taken: one sentence naming the key, no stack trace. */
class PortInUseTest {
    @TempDir
    Path home;

    @Test
    void aPortAnotherProgramHoldsStopsTheStartInOneSentenceNamingTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ServerConfig config = ServerConfig.from(XwConfig.of(Map.of("port.https", String.valueOf(port),
                    "listen.address", "127.0.0.1", "path.home", "var", "XWkeyStore", "var/keystore/xwserver.p12"), "test", home));

            // ServerMain prints a ConfigException's message alone and exits 2; anything else was a stack trace
            assertThatThrownBy(() -> XtremWebServer.start(config).close())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": the port is already in use")
                    .hasMessageContaining("port.https");
        }
    }
}
