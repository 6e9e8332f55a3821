package xtremweb.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xtremweb.client.api.XwClient;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.DataView;

/**
 * A large file up to the real server and back over real HTTPS, with the server in its own JVM
 * (started by bin/xtremweb.server with -Xmx256m) and this JVM as the client (-Xmx256m, see
 * bin/xwbench-data). Prints throughput next to the loopback HTTPS limit measured in the same run,
 * and both peak heaps, for each data store asked: the local directory, and an S3 bucket in an
 * S3Proxy started for the run. Usage: {@code bin/xwbench-data [MiB] [work dir] [local,s3]}
 * (default 2048, var/bench, both).
 */
public final class DataTransferBenchmark {
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private DataTransferBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 2048;
        Path dir = Path.of(args.length > 1 ? args[1] : "var/bench").toAbsolutePath();
        List<String> stores = List.of((args.length > 2 ? args[2] : "local,s3").split(","));
        Path root = Path.of(System.getProperty("xw.home", ".")).toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        long size = mib * 1024 * 1024;
        Path source = dir.resolve("source.bin");
        String sourceSha = writeFile(source, size);
        System.out.printf("file: %d MiB, SHA-256 %s; stores: %s%n", mib, sourceSha, String.join(", ", stores));

        double rawUp;
        double rawDown;
        try (LoopbackHttpsLimit raw = new LoopbackHttpsLimit(dir)) {
            raw.upload(source); // warm-up of TLS and JIT on the same path
            rawUp = raw.upload(source);
            rawDown = raw.download(size);
        }
        System.out.printf("loopback HTTPS limit: upload %.1f MB/s, download %.1f MB/s%n", size / 1e6 / rawUp, size / 1e6 / rawDown);
        boolean allMatch = true;
        try {
            for (String store : stores) {
                allMatch &= switch (store) {
                    case "local" -> transfer(root, dir.resolve("local"), "", source, sourceSha, store);
                    case "s3" -> {
                        try (S3ProxyProcess s3 = new S3ProxyProcess(root, dir.resolve("s3proxy"))) {
                            yield transfer(root, dir.resolve("s3"), s3.serverConfig(), source, sourceSha, "s3 (S3Proxy, file system)");
                        }
                    }
                    default -> throw new IllegalArgumentException("store '" + store + "': write local, s3 or local,s3");
                };
            }
        } finally {
            Files.deleteIfExists(source);
        }
        if (!allMatch) {
            System.exit(1);
        }
    }

    /**
     * One store: a server with {@code storeConfig} started, the file up and back through the client
     * library, the figures printed. Returns whether every SHA-256 matched.
     */
    private static boolean transfer(Path root, Path dir, String storeConfig, Path source, String sourceSha, String store)
            throws Exception {
        Files.createDirectories(dir);
        long size = Files.size(source);
        resetPeaks();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, "port.https=" + port + "\nlisten.address=127.0.0.1\npath.home=" + dir.resolve("server")
                + "\nXWkeyStore=" + dir.resolve("server/keystore/xwserver.p12") + "\n" + storeConfig);
        Path gcLog = dir.resolve("server-gc.log");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/xtremweb.server").toString(), "console", "--xwconfig", conf.toString())
                .redirectErrorStream(true);
        pb.environment().put("XW_SERVER_JAVA_OPTS", "-Xmx256m -Xlog:gc:file=" + gcLog);
        Process server = pb.start();
        try {
            awaitReady(server);
            Properties credentials = new Properties();
            try (Reader r = Files.newBufferedReader(dir.resolve("server/credentials.properties"))) {
                credentials.load(r);
            }
            XwHttpClient http = new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", port),
                    PinnedTrust.readPem(dir.resolve("server/keystore/xwserver.pem")));
            XwClient client = new XwClient(http, "admin", credentials.getProperty("admin.password"));
            client.logIn();

            long t0 = System.nanoTime();
            DataView data = client.data().upload("bench.bin", "BINARY", null, null, source);
            double up = (System.nanoTime() - t0) / 1e9;
            Path back = dir.resolve("back.bin");
            t0 = System.nanoTime();
            client.data().downloadContent(data.uid(), back);
            double down = (System.nanoTime() - t0) / 1e9;
            String backSha = sha256(back);
            Files.deleteIfExists(back);
            boolean match = sourceSha.equals(data.sha256()) && sourceSha.equals(backSha);

            System.out.printf("%n== store: %s%n", store);
            System.out.printf("server SHA-256 %s, downloaded SHA-256 %s: %s%n", data.sha256(), backSha, match ? "MATCH" : "MISMATCH");
            System.out.printf("upload:   %8.1f MB/s through XtremWeb (%.1f s)%n", size / 1e6 / up, up);
            System.out.printf("download: %8.1f MB/s through XtremWeb (%.1f s)%n", size / 1e6 / down, down);
            System.out.printf("client peak heap: %d MB (max %d MB)%n", peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20);
            long[] peak = serverPeak(gcLog);
            System.out.printf("server peak heap: %d MB before GC, max %d MB (from %s); server peak RSS: %s%n", peak[0], peak[1], gcLog,
                    peakRss(server.pid()));
            return match;
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The process's peak resident set (VmHWM in /proc, Linux); "unknown" elsewhere. */
    private static String peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return (Long.parseLong(line.replaceAll("\\D", "")) >> 10) + " MB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or the process is gone.
        }
        return "unknown";
    }

    /** Pseudo-random content (a 4 MiB random block, varied per block) so nothing compresses it away. */
    private static String writeFile(Path file, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[4 * 1024 * 1024];
        new Random(1).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0, n = 0; written < size; n++) {
                block[0] = (byte) n;
                block[1] = (byte) (n >> 8);
                int len = (int) Math.min(block.length, size - written);
                out.write(block, 0, len);
                digest.update(block, 0, len);
                written += len;
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (var in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void awaitReady(Process server) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.contains("XtremWeb server ready")) {
                Thread drain = new Thread(() -> {
                    try {
                        lines.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // server gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new IllegalStateException("the server exited before it was ready");
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap ever in use since the reset. */
    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    /** The largest heap occupancy a GC saw in the server (before collecting), and the heap size. */
    private static long[] serverPeak(Path gcLog) throws IOException {
        long before = 0;
        long max = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    before = Math.max(before, Long.parseLong(m.group(1)));
                    max = Math.max(max, Long.parseLong(m.group(3)));
                }
            }
        }
        return new long[] {before, max};
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
