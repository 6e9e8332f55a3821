package xtremweb.server.data;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server for tests: S3Proxy (Maven Central, copied to target/s3proxy by the
 * build) in a process of its own, on a free loopback port, storing its objects under a temporary
 * directory. Its own Jetty 11 stays out of the test JVM, which has the server's Jetty 12.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String BUCKET = "xtremweb-test";
    private static final String ACCESS_KEY = "xw-test-access";
    private static final String SECRET_KEY = "xw-test-secret-" + UUID.randomUUID();
    private final Process process;
    private final URI endpoint;
    private final S3Client client;

    private S3TestServer(Process process, URI endpoint, S3Client client) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = client;
    }

    /** Starts S3Proxy with its objects under {@code dir} and creates {@link #BUCKET}. */
    public static S3TestServer start(Path dir) throws IOException, InterruptedException {
        Path jar = jar();
        Files.createDirectories(dir.resolve("objects"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path properties = Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("objects")) + "\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        S3Client client = S3Clients.create(settings(endpoint, "", S3Settings.MIN_PART_MIB));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                client.createBucket(b -> b.bucket(BUCKET));
                return new S3TestServer(process, endpoint, client);
            } catch (RuntimeException e) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    client.close();
                    process.destroyForcibly();
                    throw new IOException("S3Proxy did not start on " + endpoint + ": " + e.getMessage() + "; its log: "
                            + Files.readString(dir.resolve("s3proxy.log")), e);
                }
                Thread.sleep(200);
            }
        }
    }

    private static Path jar() {
        String root = System.getenv().getOrDefault("XW_SOURCE_ROOT", ".");
        for (Path candidate : List.of(Path.of("target/s3proxy/s3proxy.jar"), Path.of(root, "server/target/s3proxy/s3proxy.jar"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("target/s3proxy/s3proxy.jar is missing: build the server module with Maven"
                + " (its generate-test-resources phase copies S3Proxy there)");
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Settings of a store in the test bucket under {@code prefix} ("" or ending in '/'), with parts of {@code partMib} MiB. */
    public S3Settings settings(String prefix, int partMib) {
        return settings(endpoint, prefix, partMib);
    }

    private static S3Settings settings(URI endpoint, String prefix, int partMib) {
        return new S3Settings(Optional.of(endpoint), "us-east-1", BUCKET, prefix, Optional.of(ACCESS_KEY), Optional.of(SECRET_KEY),
                partMib * 1024 * 1024);
    }

    /** The server configuration keys of a store under {@code prefix}. */
    public Map<String, String> config(String prefix) {
        Map<String, String> config = new HashMap<>();
        config.put("data.store", "s3");
        config.put("s3.endpoint", endpoint.toString());
        config.put("s3.bucket", BUCKET);
        config.put("s3.prefix", prefix);
        config.put("s3.accessKey", ACCESS_KEY);
        config.put("s3.secretKey", SECRET_KEY);
        config.put("s3.partSize", Integer.toString(S3Settings.MIN_PART_MIB));
        return config;
    }

    /** The keys of the objects under {@code prefix} (not the directory markers S3Proxy's file system backend shows). */
    public List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key)
                .filter(key -> !key.endsWith("/")).toList();
    }

    /** The multipart uploads under way under {@code prefix}, as key and upload id. */
    public List<String> uploads(String prefix) {
        return client.listMultipartUploadsPaginator(b -> b.bucket(BUCKET).prefix(prefix)).uploads().stream()
                .map(u -> u.key() + " " + u.uploadId()).toList();
    }

    public S3Client client() {
        return client;
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
