package xtremweb.worker.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Fetches an input that lives outside the grid ({@code http://}, {@code https://}, with the JDK's
 * usual certificate checks). Nothing is trusted from that server: the cache checks the bytes
 * against the size and SHA-256 the XtremWeb server recorded for the data.
 *
 * <p>Any user may name such a URI, and the volunteer's machine fetches it: unless the worker's
 * administrator allows it ({@value #KEY}), a host resolving to an address of the volunteer's own
 * network (loopback, link-local like the cloud metadata 169.254.169.254, private, unique-local,
 * CGNAT, multicast, any-local) is refused before any connection, and so is every redirect leading
 * there; otherwise a job's error message would tell its submitter what answers inside that network.
 */
public final class ExternalInput {
    /** The worker configuration key allowing inputs on private addresses (a grid inside one lab network). */
    public static final String KEY = "data.privateaddresses";
    /** Redirects followed at most; each hop is checked like the first URI. */
    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    // Redirects are followed here, not by the client, so that every hop's address is checked.
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final boolean privateAddresses;
    private final Predicate<InetAddress> publicAnyway;

    /** @param privateAddresses {@value #KEY}: whether hosts of private networks may be fetched */
    public ExternalInput(boolean privateAddresses) {
        this(privateAddresses, address -> false);
    }

    /** @param publicAnyway addresses taken as public (a test's "outside" web server runs on a loopback address too) */
    ExternalInput(boolean privateAddresses, Predicate<InetAddress> publicAnyway) {
        this.privateAddresses = privateAddresses;
        this.publicAnyway = publicAnyway;
    }

    /**
     * Fetches {@code uri} into {@code target}, reading at most one byte more than the {@code size}
     * the XtremWeb server recorded for the data (no bound when negative: unknown). The web server is
     * anybody's: one that never stops sending filled the volunteer's disk, outside the job's limits,
     * for hours before the cache could compare sizes.
     */
    public void download(String uri, long size, Path target) throws IOException {
        URI current = URI.create(uri);
        checkScheme(uri, current, null);
        for (int hop = 0; ; hop++) {
            checkAddresses(uri, current);
            HttpResponse<InputStream> response;
            try {
                response = HTTP.send(HttpRequest.newBuilder(current).timeout(Duration.ofHours(6)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while downloading " + uri, e);
            }
            try (InputStream body = response.body()) {
                if (REDIRECTS.contains(response.statusCode())) {
                    if (hop >= MAX_REDIRECTS) {
                        throw new IOException(uri + " redirects more than " + MAX_REDIRECTS + " times");
                    }
                    Optional<String> location = response.headers().firstValue("Location");
                    if (location.isEmpty()) {
                        throw new IOException(uri + " answered HTTP " + response.statusCode() + " without a Location");
                    }
                    URI next = current.resolve(location.get());
                    checkScheme(uri, next, current);
                    current = next;
                    continue;
                }
                if (response.statusCode() != 200) {
                    throw new IOException(uri + " answered HTTP " + response.statusCode());
                }
                long copied = copyAtMost(body, target, size);
                if (size >= 0 && copied > size) {
                    throw new InputRejectedException("input URI " + uri + " sends more than the " + size
                            + " bytes recorded for it; stopped there");
                }
                return;
            }
        }
    }

    /**
     * Copies {@code in} to {@code target} until its end or one byte past {@code size} (all of it when
     * {@code size} is negative); returns the bytes written.
     */
    private static long copyAtMost(InputStream in, Path target, long size) throws IOException {
        long limit = size < 0 ? Long.MAX_VALUE : size + 1;
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (java.io.OutputStream out = Files.newOutputStream(target)) {
            for (int n; written < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - written))) >= 0; ) {
                out.write(buffer, 0, n);
                written += n;
            }
        }
        return written;
    }

    /** http or https only; like the JDK's own redirect policy, never from https down to http. */
    private static void checkScheme(String uri, URI target, URI from) throws InputForbiddenException {
        String scheme = target.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new InputForbiddenException(from == null ? "input URI " + uri + " is neither http nor https"
                    : "input URI " + uri + " redirects to a URI that is neither http nor https");
        }
        if (from != null && "https".equals(from.getScheme()) && "http".equals(scheme)) {
            throw new InputForbiddenException("input URI " + uri + " redirects from https to http");
        }
    }

    /**
     * Resolves the host (the JDK caches the answer, so the connection that follows normally uses
     * the same addresses) and refuses it when any of its addresses is private.
     */
    private void checkAddresses(String uri, URI target) throws IOException {
        if (privateAddresses) {
            return;
        }
        String host = target.getHost();
        if (host == null) {
            throw new InputForbiddenException("input URI " + uri + " names no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("input URI " + uri + ": unknown host " + host, e);
        }
        for (InetAddress address : addresses) {
            String kind = publicAnyway.test(address) ? null : privateKind(address);
            if (kind != null) {
                throw new InputForbiddenException("input URI " + uri + (target.toString().equals(uri) ? "" : " redirects to " + target)
                        + " refused: " + host + " is " + address.getHostAddress() + ", a " + kind
                        + " address; workers only fetch inputs from public addresses unless their configuration sets "
                        + KEY + ": true");
            }
        }
    }

    /** What private network {@code address} belongs to, or null for a public address. */
    static String privateKind(InetAddress address) {
        if (address instanceof Inet6Address v6 && v6.getAddress().length == 16) {
            byte[] b = v6.getAddress();
            // ::ffff:a.b.c.d and the like are the IPv4 address in disguise.
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return privateKind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local (fc00::/7)";
            }
        }
        if (address.isAnyLocalAddress()) {
            return "any-local";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private (site-local)";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            if ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
                return "carrier-grade NAT (100.64.0.0/10)";
            }
            if ((b[0] & 0xff) == 0) {
                return "\"this network\" (0.0.0.0/8)";
            }
        }
        return null;
    }
}
