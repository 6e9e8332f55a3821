package xtremweb.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3-compatible server the S3 store is measured against: S3Proxy (copied to
 * benchmark/target/s3proxy by the build) with its file-system backend under the work directory,
 * in a process of its own on a free loopback port, with a bucket made for the run.
 */
final class S3ProxyProcess implements AutoCloseable {
    static final String BUCKET = "xtremweb-bench";
    private static final String ACCESS_KEY = "xw-bench";
    private final String secret = "xw-bench-" + UUID.randomUUID();
    private final Process process;
    private final URI endpoint;

    S3ProxyProcess(Path root, Path dir) throws IOException, InterruptedException {
        Path jar = root.resolve("benchmark/target/s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the benchmark module (bin/xwmvn -DskipTests package -pl benchmark -am)");
        }
        Files.createDirectories(dir.resolve("objects"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
        Path properties = Files.writeString(dir.resolve("s3proxy.conf"), "s3proxy.endpoint=" + endpoint
                + "\ns3proxy.authorization=aws-v2-or-v4\ns3proxy.identity=" + ACCESS_KEY + "\ns3proxy.credential=" + secret
                + "\njclouds.provider=filesystem\njclouds.filesystem.basedir=" + dir.resolve("objects") + "\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        try (S3Client client = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret))).build()) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (true) {
                try {
                    client.createBucket(b -> b.bucket(BUCKET));
                    return;
                } catch (RuntimeException e) {
                    if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                        close();
                        throw new IOException("S3Proxy did not start on " + endpoint + "; see " + dir.resolve("s3proxy.log"), e);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** The server configuration lines that put data in this S3Proxy's bucket. */
    String serverConfig() {
        return "data.store=s3\ns3.endpoint=" + endpoint + "\ns3.bucket=" + BUCKET + "\ns3.accessKey=" + ACCESS_KEY
                + "\ns3.secretKey=" + secret + "\n";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
