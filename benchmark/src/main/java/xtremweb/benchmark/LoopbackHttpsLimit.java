package xtremweb.benchmark;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import xtremweb.common.http.PinnedTrust;
import xtremweb.server.tls.ServerKeystore;

/**
 * The ceiling: a bare Jetty HTTPS endpoint with the server's TLS settings that discards what is
 * PUT and serves zeros on GET, driven by the same JDK HTTP client. Whatever XtremWeb adds
 * (database, hashing, disk) shows as the gap between this and the real server.
 */
final class LoopbackHttpsLimit implements AutoCloseable {
    private final Server jetty;
    private final HttpClient http;
    private final URI base;

    LoopbackHttpsLimit(Path dir) throws Exception {
        ServerKeystore.Loaded keys = ServerKeystore.loadOrCreate(dir.resolve("raw.p12"), "", List.of());
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keys.keyStore());
        tls.setKeyStorePassword(keys.password());
        tls.setKeyManagerPassword(keys.password());
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        tls.setSniRequired(false);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(new HttpConfiguration()));
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Thread.startVirtualThread(() -> serve(request, response, callback));
                return true;
            }
        });
        jetty.start();
        base = URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/");
        http = HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(List.of(keys.certificate()))).build();
    }

    private static void serve(Request request, Response response, Callback callback) {
        try {
            if (request.getMethod().equals("PUT")) {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                response.setStatus(204);
                callback.succeeded();
                return;
            }
            long size = Long.parseLong(request.getHttpURI().getQuery());
            response.setStatus(200);
            response.getHeaders().put("Content-Length", size);
            byte[] zeros = new byte[1 << 16];
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                for (long left = size; left > 0; left -= zeros.length) {
                    out.write(zeros, 0, (int) Math.min(zeros.length, left));
                }
            }
            callback.succeeded();
        } catch (Exception e) {
            callback.failed(e);
        }
    }

    /** Seconds to PUT the file. */
    double upload(Path file) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("sink")).PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("raw endpoint answered " + r.statusCode());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Seconds to GET {@code size} bytes (read and dropped). */
    double download(long size) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(base.resolve("zeros?" + size)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            long got = in.transferTo(OutputStream.nullOutputStream());
            if (got != size) {
                throw new IllegalStateException("raw endpoint sent " + got + " bytes instead of " + size);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
