package xtremweb.common.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The servers of one grid a client or worker may call ({@code dispatcher.servers}, in the order
 * written): calls go to the current one and move to the next when it cannot be reached or fails in
 * a way another server may not. Behind a load balancer the list is the balancer's address alone.
 *
 * <p>What moves on: a connection that could not be made (refused, unknown host) for any call, as
 * the request never left; for calls that may be repeated safely (GET, PUT, DELETE, HEAD) also a
 * connection cut meanwhile and the answers 500, 502, 503, 504; for a POST also 502 and 503, which a
 * balancer or a stopping server gives before the request did anything; a POST that carries an
 * {@code Idempotency-Key} (a creation, which the server does not repeat) is repeatable like a PUT.
 * A certificate other than the
 * pinned one never moves on: it is a configuration to fix, not a server down.
 */
final class ServerList {
    private static final Set<String> REPEATABLE = Set.of("GET", "HEAD", "PUT", "DELETE");
    /** Jitter between two servers: spread the clients of a server that died over the next one. */
    private static final long PAUSE_MIN_MILLIS = 50;
    private static final long PAUSE_MAX_MILLIS = 400;

    private final List<URI> servers;
    private volatile int current;

    ServerList(List<URI> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no server to call; dispatcher.servers names at least one");
        }
        this.servers = List.copyOf(servers);
    }

    URI current() {
        return servers.get(current);
    }

    int size() {
        return servers.size();
    }

    /** {@code failed} did not serve: the next server becomes current (unless another thread moved already). */
    synchronized URI moveOn(URI failed) {
        if (servers.get(current).equals(failed)) {
            current = (current + 1) % servers.size();
        }
        return servers.get(current);
    }

    /** Whether an answer with this status may come out differently from another server. */
    static boolean worthAnother(HttpRequest request, int status) {
        if (status == 502 || status == 503) {
            return true;
        }
        return repeatable(request) && (status == 500 || status == 504);
    }

    /** Whether a call that could not be completed may be sent to another server. */
    static boolean worthAnother(HttpRequest request, XwConnectException e) {
        return switch (e.reason()) {
            case REFUSED, UNKNOWN_HOST -> true;
            case CERTIFICATE -> false;
            case OTHER -> repeatable(request);
        };
    }

    /** Whether sending {@code request} twice does what sending it once does: its method says so, or its Idempotency-Key. */
    static boolean repeatable(HttpRequest request) {
        return REPEATABLE.contains(request.method()) || request.headers().firstValue(XwHttpClient.IDEMPOTENCY_KEY).isPresent();
    }

    /** A short random pause before the next server; false if interrupted. */
    boolean pause() {
        return pause(Duration.ofMillis(ThreadLocalRandom.current().nextLong(PAUSE_MIN_MILLIS, PAUSE_MAX_MILLIS + 1)));
    }

    static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The same request sent to the server {@code to}: path and query kept, scheme, host and port changed. */
    static HttpRequest retarget(HttpRequest request, URI to) {
        URI uri = request.uri();
        URI moved = URI.create(to.getScheme() + "://" + to.getRawAuthority() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        return HttpRequest.newBuilder(request, (name, value) -> true).uri(moved).build();
    }
}
