package xtremweb.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 to a database: {@link #sever()} closes every connection and stops
 * accepting (the database is gone, as when its machine stops), {@link #restore()} listens again
 * on the same port.
 */
public final class SeveringProxy implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;

    public SeveringProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    public int port() {
        return port;
    }

    /** {@code jdbcUrl} (a MySQL/MariaDB one) with its host and port replaced by this relay's. */
    public String relayed(String jdbcUrl) {
        java.util.regex.Matcher hostPort = java.util.regex.Pattern.compile("^jdbc:(mysql|mariadb)://([^:/]+):(\\d+)/").matcher(jdbcUrl);
        if (!hostPort.find() || Integer.parseInt(hostPort.group(3)) != targetPort) {
            throw new IllegalArgumentException("not a URL of the database on port " + targetPort + ": " + jdbcUrl);
        }
        return jdbcUrl.substring(0, hostPort.start(2)) + "127.0.0.1:" + port + jdbcUrl.substring(hostPort.end(3));
    }

    /** A relay to the database of {@code jdbcUrl} (a MySQL/MariaDB one). */
    public static SeveringProxy to(String jdbcUrl) throws IOException {
        java.util.regex.Matcher hostPort = java.util.regex.Pattern.compile("^jdbc:(mysql|mariadb)://([^:/]+):(\\d+)/").matcher(jdbcUrl);
        if (!hostPort.find()) {
            throw new IllegalArgumentException("no host:port in " + jdbcUrl);
        }
        return new SeveringProxy(Integer.parseInt(hostPort.group(3)));
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket on) {
        Thread t = new Thread(() -> {
            while (!on.isClosed()) {
                try {
                    Socket client = on.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    // A connection accepted just before sever() must not outlive it: the pool,
                    // filling in the background, would keep a live database connection (the
                    // server stayed ready through a whole "outage" in one CI run).
                    synchronized (this) {
                        if (on.isClosed()) {
                            client.close();
                            server.close();
                            return;
                        }
                        open.add(client);
                        open.add(server);
                    }
                    pump(client.getInputStream(), server.getOutputStream(), client, server);
                    pump(server.getInputStream(), client.getOutputStream(), client, server);
                } catch (IOException e) {
                    return;
                }
            }
        }, "severing-proxy");
        t.setDaemon(true);
        t.start();
    }

    private void pump(InputStream in, OutputStream out, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (a; b) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // severed, or the other side closed
            } finally {
                open.remove(a);
                open.remove(b);
            }
        }, "severing-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    public synchronized void sever() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }

    public synchronized void restore() throws IOException {
        listener = listen(port);
        accept(listener);
    }

    @Override
    public void close() throws IOException {
        sever();
    }
}
