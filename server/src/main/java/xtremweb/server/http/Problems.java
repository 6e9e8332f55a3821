package xtremweb.server.http;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Problem codes and sentences for errors that are HTTP's own (no service refused anything). */
final class Problems {
    static final String CONTENT_TYPE = "application/problem+json";
    private static final int MAX_REASON = 200;

    private Problems() {
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 408 -> "request-timeout";
            case 411 -> "length-required";
            case 413 -> "too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 417 -> "expectation-failed";
            case 431 -> "headers-too-large";
            case 500 -> "internal-error";
            case 501 -> "not-implemented";
            case 503 -> "unavailable";
            case 505 -> "http-version-not-supported";
            default -> "http-" + status;
        };
    }

    /** One sentence saying what to change; Jetty's reason, cleaned, says what it found. */
    static String detail(int status, String reason) {
        String found = clean(reason);
        return switch (status) {
            case 400 -> "the request is malformed" + (found.isEmpty() ? "" : " (" + found + ")")
                    + "; check the request line, the URL's %-escapes (no encoded '/', '\\' or NUL) and the headers";
            case 404 -> "no such API path; see API.md";
            case 408 -> "the request did not arrive in time; send it again";
            case 413 -> "the request is larger than this server accepts; see API.md for the limits";
            case 414 -> "the URL is longer than this server accepts; send large values in a JSON body";
            case 431 -> "the request headers are larger than this server accepts; send fewer or shorter headers";
            case 505 -> "this server speaks HTTP/1.1; send HTTP/1.1 requests";
            default -> "the request was refused with HTTP " + status + (found.isEmpty() ? "" : " (" + found + ")");
        };
    }

    static String newErrorId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
    }

    static String failureDetail(String errorId) {
        return "the server failed on this request (error id " + errorId + "); it is logged: tell the server's operator this id";
    }

    /** A reason from Jetty, on one line and short: it may echo part of the request. */
    private static String clean(String reason) {
        if (reason == null) {
            return "";
        }
        String line = reason.replaceAll("\\p{Cntrl}", " ").strip();
        line = line.replaceFirst("^\\d{3}:\\s*", "");
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) + "..." : line;
    }
}
