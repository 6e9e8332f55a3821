package xtremweb.server.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.util.URIUtil;

/** Maps a method and a path to an endpoint; templates look like {@code /api/v1/works/{uid}}. */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    /** A route as registered: its method and its path template, like {@code /api/v1/works/{uid}}. */
    public record Template(String method, String path) {
    }

    private record Route(String method, String template, String[] segments, Endpoint endpoint, boolean streams) {
        /** The path variables when the path fits this template, else null. */
        Map<String, String> bind(String[] actual) {
            if (segments.length != actual.length) {
                return null;
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < actual.length; i++) {
                String expected = segments[i];
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    // Clients percent-encode names in paths ('@' of a login, a host named "lab pc"); Jetty has
                    // already refused encoded '/', '\\' and NUL and bad UTF-8, so one segment decodes to one value.
                    params.put(expected.substring(1, expected.length() - 1), URIUtil.decodePath(actual[i]));
                } else if (!expected.equals(actual[i])) {
                    return null;
                }
            }
            return params;
        }
    }

    /**
     * The endpoint found for a request and the values of its path variables; {@code streams}: the
     * endpoint reads its body as a stream (content), not as one JSON object.
     */
    record Match(Endpoint endpoint, Map<String, String> params, boolean streams) {
    }

    /** A call whose body, if any, is one JSON object (read whole before the call takes a place of the admission limit). */
    public Router route(String method, String template, Endpoint endpoint) {
        routes.add(new Route(method, template, split(template), endpoint, false));
        return this;
    }

    /** A call whose body is content of any size, streamed by the endpoint (an upload). */
    public Router streaming(String method, String template, Endpoint endpoint) {
        routes.add(new Route(method, template, split(template), endpoint, true));
        return this;
    }

    /** Every route, in the order registered (tests walk them all). */
    public List<Template> templates() {
        return routes.stream().map(r -> new Template(r.method(), r.template())).toList();
    }

    Optional<Match> match(String method, String path) {
        String[] actual = split(path);
        for (Route route : routes) {
            if (route.method().equals(method)) {
                Map<String, String> params = route.bind(actual);
                if (params != null) {
                    return Optional.of(new Match(route.endpoint(), params, route.streams()));
                }
            }
        }
        return Optional.empty();
    }

    /** The methods some route takes on this path, for a 405's {@code Allow} header; empty when the path is unknown. */
    Set<String> allowedMethods(String path) {
        String[] actual = split(path);
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.bind(actual) != null) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
