package xtremweb.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import xtremweb.common.json.Json;

/**
 * An HTTPS client that sends exactly the bytes it is given (bad escapes, huge headers, broken
 * request lines: what a real client library refuses to send). Each thread keeps its connection
 * alive while the server does.
 */
final class RawHttps {
    private static final int TIMEOUT_MILLIS = 30_000;
    private final int port;
    private final SSLContext tls;

    RawHttps(int port, SSLContext tls) {
        this.port = port;
        this.tls = tls;
    }

    /** One answer: header names in lower case. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + header("content-type") + " " + text();
        }
    }

    /**
     * Sends a request on this thread's kept-alive connection (a new one when the server closed it),
     * with a Content-Length when there is a body.
     */
    Answer send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            request.writeBytes(body);
        }
        SSLSocket kept = KEPT.get();
        if (kept != null) {
            try {
                return exchange(kept, request.toByteArray(), method);
            } catch (IOException e) {
                // The server closed the kept connection meanwhile: send again on a new one.
                close(kept);
            }
        }
        return exchange(connect(), request.toByteArray(), method);
    }

    /** Sends exactly these bytes on a new connection and reads one answer. */
    Answer sendRaw(byte[] request) throws IOException {
        try (SSLSocket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before reading all of a refused request: read what it said.
            }
            return read(socket.getInputStream(), "");
        }
    }

    /**
     * As a strict client does: on a new connection, writes the whole request (a failed write fails
     * the call: the server closed on the body), reads the answer, then sends {@code then} on the same
     * connection and reads its answer too (the connection was kept). Both answers, in order.
     */
    java.util.List<Answer> sendWholeThenAgain(String method, String target, Map<String, String> headers, byte[] body,
                                              String then) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        try (SSLSocket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            Answer first = read(socket.getInputStream(), method);
            StringBuilder second = new StringBuilder(then).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
            headers.forEach((name, value) -> second.append(name).append(": ").append(value).append("\r\n"));
            out.write(second.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return java.util.List.of(first, read(socket.getInputStream(), then.substring(0, then.indexOf(' '))));
        }
    }

    private static final ThreadLocal<SSLSocket> KEPT = new ThreadLocal<>();

    private SSLSocket connect() throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static Answer exchange(SSLSocket socket, byte[] request, String method) throws IOException {
        KEPT.remove();
        OutputStream out = socket.getOutputStream();
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            // As in sendRaw: an early answer may be waiting.
        }
        Answer answer = read(socket.getInputStream(), method);
        if ("close".equalsIgnoreCase(answer.header("connection"))) {
            close(socket);
        } else {
            KEPT.set(socket);
        }
        return answer;
    }

    private static void close(SSLSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static Answer read(InputStream in, String method) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("no HTTP answer, got '" + statusLine + "'");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if (method.equals("HEAD") || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                chunks.writeBytes(in.readNBytes(size));
                line(in);
            }
            body = chunks.toByteArray();
        } else {
            body = in.readAllBytes();
            headers.put("connection", "close");
        }
        return new Answer(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
