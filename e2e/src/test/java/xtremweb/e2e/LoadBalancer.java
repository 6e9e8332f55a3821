package xtremweb.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real HAProxy (Debian's haproxy package) in front of a grid's servers: TCP mode, so TLS passes
 * through to the servers and clients still pin the grid's certificate. Its configuration is the
 * README's, on a free loopback port; it runs in the foreground and is stopped with the test.
 */
final class LoadBalancer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path output;

    private LoadBalancer(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts HAProxy on a free loopback port before the servers listening on {@code serverPorts}. */
    static LoadBalancer start(Path dir, List<Integer> serverPorts) throws IOException {
        int port = Deployment.freePort();
        StringBuilder config = new StringBuilder()
                .append("global\n  maxconn 4000\n\n")
                .append("defaults\n  mode tcp\n  timeout connect 2s\n")
                // A work request waits up to 30 s on the server: the idle timeouts must be longer.
                .append("  timeout client 120s\n  timeout server 120s\n")
                // A connection to a server that just died is tried again on another one.
                .append("  retries 2\n  option redispatch\n\n")
                .append("frontend grid\n  bind 127.0.0.1:").append(port).append("\n  default_backend servers\n\n")
                .append("backend servers\n  balance roundrobin\n");
        for (int i = 0; i < serverPorts.size(); i++) {
            config.append("  server s").append(i).append(" 127.0.0.1:").append(serverPorts.get(i))
                    .append(" check inter 500ms fall 2 rise 2\n");
        }
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), config);
        Path output = dir.resolve("haproxy.out");
        Process process = new ProcessBuilder(haproxy(), "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        LoadBalancer balancer = new LoadBalancer(process, port, output);
        Awaitility.await("haproxy listening on " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("haproxy died at start-up:\n" + Files.readString(output));
                    }
                    try (Socket probe = new Socket()) {
                        probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return balancer;
    }

    private static String haproxy() {
        for (String candidate : List.of("/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("haproxy is not installed: apt-get install haproxy (.ci/run does)");
    }

    int port() {
        return port;
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
