package xtremweb.worker.loop;

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
import xtremweb.worker.server.HostIdentity;
import xtremweb.worker.server.HostIdentityFile;
import xtremweb.worker.server.ServerSession;
import xtremweb.worker.server.StopSignal;
import xtremweb.worker.task.RunningTasks;

/** What the worker's log says while its server cannot be reached. */
class HeartbeatsTest {
    @TempDir
    Path home;

    @Test
    void aServerDownForLongWarnsOnceNotAtEveryAlivePeriod() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HostIdentityFile identity = new HostIdentityFile(home);
        identity.save(new HostIdentity("2eee9a4a-d6e3-400b-81fe-ec5e99d5d1d6", "xwh_test"));
        ServerSession session = new ServerSession(URI.create("https://127.0.0.1:" + closedPort), List.of(), "worker", "unused",
                identity, new StopSignal());
        Heartbeats heartbeats = new Heartbeats(session, new RunningTasks(), new StopSignal());
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Heartbeats.class);
        log.start();
        logger.addAppender(log);
        try {
            for (int i = 0; i < 5; i++) {
                heartbeats.beat();
            }
        } finally {
            logger.detachAppender(log);
        }

        assertThat(log.list).hasSize(1);
        assertThat(log.list.get(0).getFormattedMessage()).startsWith("heartbeat for 0 task(s) failed: ");
    }
}
