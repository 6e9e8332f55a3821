package xtremweb.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 in front of the server that cuts the first connection once it has
 * carried {@code cutAfter} bytes towards the client: a network failure in the middle of a download,
 * below TLS, as a real one would be. Later connections pass untouched.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final long cutAfter;
    private final AtomicBoolean cut = new AtomicBoolean();
    private final AtomicLong towardsClient = new AtomicLong();

    CuttingProxy(int targetPort, long cutAfter) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.cutAfter = cutAfter;
        Thread acceptor = new Thread(this::acceptLoop, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    boolean didCut() {
        return cut.get();
    }

    /** Bytes relayed from the server to clients over all connections. */
    long bytesTowardsClients() {
        return towardsClient.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                boolean mayCut = !cut.get();
                pump(client.getInputStream(), server.getOutputStream(), client, server, false, false);
                pump(server.getInputStream(), client.getOutputStream(), client, server, true, mayCut);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, Socket a, Socket b, boolean downstream, boolean mayCut) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            long carried = 0;
            try (a; b) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    if (downstream) {
                        towardsClient.addAndGet(n);
                        carried += n;
                        if (mayCut && carried >= cutAfter && cut.compareAndSet(false, true)) {
                            return; // closing both sockets: the connection dies mid-transfer
                        }
                    }
                }
            } catch (IOException e) {
                // the other direction closed the sockets
            }
        }, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
