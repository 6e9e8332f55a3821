package xtremweb.worker.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import xtremweb.common.http.XwConnectException;

/**
 * A volunteer reading "nothing answers" must know which file to open: the worker may have read its
 * address from /etc/xtremweb, the installation's conf/ or ~/.xtremweb.
 */
class UnreachableServerNamesTheConfigurationTest {
    private static final String SOURCE = "/etc/xtremweb/xtremweb.worker.conf";
    private static final Path CERT = Path.of("/etc/xtremweb/xwserver.pem");

    @TempDir
    Path home;

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theLoginRetryLineNamesTheServerTheKeysAndTheFile() throws Exception {
        int port = closedPort();
        StopSignal stop = new StopSignal();
        ServerSession session = new ServerSession(URI.create("https://127.0.0.1:" + port), List.of(), "worker", "pw",
                new HostIdentityFile(home), stop);
        session.advise(new AddressAdvice(SOURCE, CERT));
        // The first retry line is all this test needs: it stops the worker, so connect() returns.
        ListAppender<ILoggingEvent> log = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                super.append(event);
                stop.stop();
            }
        };
        Logger logger = (Logger) LoggerFactory.getLogger(ServerSession.class);
        log.start();
        logger.addAppender(log);
        try {
            assertThat(session.connect()).isFalse();
        } finally {
            logger.detachAppender(log);
        }

        assertThat(log.list).isNotEmpty();
        assertThat(log.list.get(0).getFormattedMessage()).startsWith("nothing answers at 127.0.0.1:" + port + ";")
                .contains("dispatcher.servers or port.https in " + SOURCE).contains("retrying in");
    }

    @Test
    void everyCallOfTheHostNamesTheFileToo() throws Exception {
        int port = closedPort();
        HostIdentityFile identity = new HostIdentityFile(home);
        identity.save(new HostIdentity("2eee9a4a-d6e3-400b-81fe-ec5e99d5d1d6", "xwh_test"));
        ServerSession session = new ServerSession(URI.create("https://127.0.0.1:" + port), List.of(), "worker", "pw",
                identity, new StopSignal());
        session.advise(new AddressAdvice(SOURCE, CERT));

        XwConnectException e = org.assertj.core.api.Assertions.catchThrowableOfType(XwConnectException.class,
                () -> session.call(http -> http.get("/api/v1/worker/work", String.class)));

        assertThat(e.reason()).isEqualTo(XwConnectException.Reason.REFUSED);
        assertThat(e.getMessage()).contains(SOURCE).contains("127.0.0.1:" + port);
    }

    @Test
    void anUnknownNameAndAnotherCertificateNameTheirKeyAndTheFile() {
        AddressAdvice advice = new AddressAdvice(SOURCE, CERT);
        URI server = URI.create("https://grid.example.org:4325");

        String unknown = advice.apply(new XwConnectException(XwConnectException.Reason.UNKNOWN_HOST, "raw", null, server))
                .getMessage();
        String certificate = advice.apply(new XwConnectException(XwConnectException.Reason.CERTIFICATE, "raw", null, server))
                .getMessage();

        assertThat(unknown).isEqualTo("cannot find the server 'grid.example.org': the name does not resolve;"
                + " fix dispatcher.servers in " + SOURCE);
        assertThat(certificate).contains("grid.example.org:4325").contains("path.certfile (" + CERT + " in " + SOURCE + ")");
    }
}
