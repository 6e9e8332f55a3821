package xtremweb.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real S3-compatible server for a grid's data: S3Proxy (Maven Central; the server module's build
 * copies it to server/target/s3proxy, and e2e builds after the server) in a process of its own on a
 * free loopback port, with jclouds' file-system backend under the test's directory. Its own Jetty
 * stays out of the test JVM. The bucket is made as that backend keeps buckets, a directory, before
 * the start, so the test needs no S3 client of its own.
 */
final class ObjectStorage implements AutoCloseable {
    static final String BUCKET = "xtremweb-grid";
    private static final String ACCESS_KEY = "xw-e2e";
    private final String secret = "xw-e2e-" + UUID.randomUUID();
    private final Path objects;
    private final Process process;
    private final URI endpoint;

    private ObjectStorage(Path dir, int port) throws IOException {
        objects = Files.createDirectories(dir.resolve("objects"));
        Files.createDirectories(objects.resolve(BUCKET));
        endpoint = URI.create("http://127.0.0.1:" + port);
        Path properties = Files.writeString(dir.resolve("s3proxy.conf"), "s3proxy.endpoint=" + endpoint
                + "\ns3proxy.authorization=aws-v2-or-v4\ns3proxy.identity=" + ACCESS_KEY + "\ns3proxy.credential=" + secret
                + "\njclouds.provider=filesystem\njclouds.filesystem.basedir=" + objects + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar().toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
    }

    /** Starts S3Proxy with its objects under {@code dir}; returns once it answers HTTP. */
    static ObjectStorage start(Path dir) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ObjectStorage storage = new ObjectStorage(Files.createDirectories(dir), port);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            // Any answer will do (an anonymous request is refused): it means S3Proxy listens and serves.
            HttpRequest probe = HttpRequest.newBuilder(storage.endpoint).timeout(Duration.ofSeconds(5)).GET().build();
            Awaitility.await("S3Proxy answering on " + storage.endpoint).atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        if (!storage.process.isAlive()) {
                            throw new IllegalStateException("S3Proxy died at start-up:\n" + Files.readString(dir.resolve("s3proxy.log")));
                        }
                        try {
                            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        return storage;
    }

    private static Path jar() {
        Path jar = Deployment.SOURCE_ROOT.resolve("server/target/s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the server module with Maven first (its"
                    + " generate-test-resources phase copies S3Proxy there; bin/xwmvn verify builds it before e2e)");
        }
        return jar;
    }

    /** The server configuration lines that keep a grid's data in this bucket under {@code prefix} (ending in '/'). */
    String serverConfig(String prefix) {
        return "data.store=s3\ns3.endpoint=" + endpoint + "\ns3.bucket=" + BUCKET + "\ns3.prefix=" + prefix
                + "\ns3.accessKey=" + ACCESS_KEY + "\ns3.secretKey=" + secret + "\n";
    }

    /**
     * The names of the objects under {@code under} (a key prefix ending in '/'), read where the
     * file-system backend keeps them: one file per object, the key's slashes as directories.
     */
    List<String> objectNames(String under) {
        Path dir = objects.resolve(BUCKET).resolve(under);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
