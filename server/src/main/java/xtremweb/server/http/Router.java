package xtremweb.server.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps a method and a path to an endpoint; templates look like {@code /api/v1/works/{uid}}. */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    private record Route(String method, String[] segments, Endpoint endpoint) {
    }

    /** The endpoint found for a request and the values of its path variables. */
    record Match(Endpoint endpoint, Map<String, String> params) {
    }

    public Router route(String method, String template, Endpoint endpoint) {
        routes.add(new Route(method, split(template), endpoint));
        return this;
    }

    Optional<Match> match(String method, String path) {
        String[] actual = split(path);
        for (Route route : routes) {
            if (!route.method().equals(method) || route.segments().length != actual.length) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            boolean ok = true;
            for (int i = 0; i < actual.length && ok; i++) {
                String expected = route.segments()[i];
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    params.put(expected.substring(1, expected.length() - 1), actual[i]);
                } else {
                    ok = expected.equals(actual[i]);
                }
            }
            if (ok) {
                return Optional.of(new Match(route.endpoint(), params));
            }
        }
        return Optional.empty();
    }

    boolean knowsPath(String path) {
        String[] actual = split(path);
        return routes.stream().anyMatch(r -> r.segments().length == actual.length);
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
