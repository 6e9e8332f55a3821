package xtremweb.server.logging;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The HTTP access log ({@code logs/access.log}, Common Log Format), with the values of query
 * parameters that look secret written as {@code ***}. The API takes no credential in a URL (tokens
 * travel in the Authorization header), but a client that puts one there by mistake must not leave
 * it in a file that operators copy around and keep for months.
 */
public final class AccessLog extends CustomRequestLog {
    /** Parameter names that hold credentials in common APIs (token, access_token, password, apiKey, sig...). */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(token|pass|pwd|secret|key|auth|cred|sig|cookie).*");
    /** Values that are credentials whatever their parameter's name: host tokens ({@code xwh_}) and bearer strings. */
    private static final Pattern SECRET_VALUE = Pattern.compile("(?i)(xwh_|bearer).*");
    static final String REDACTED = "***";

    /** Written to {@code file}, which turns over past {@code maxBytes} (see {@link BoundedLogFile}). */
    public AccessLog(java.nio.file.Path file, long maxBytes) {
        super(new BoundedLogFile(file, maxBytes), NCSA_FORMAT);
    }

    @Override
    public void log(Request request, Response response) {
        String query = request.getHttpURI().getQuery();
        String redacted = redact(query);
        if (query == null || redacted.equals(query)) {
            super.log(request, response);
            return;
        }
        HttpURI uri = HttpURI.build(request.getHttpURI()).query(redacted).asImmutable();
        super.log(new Request.Wrapper(request) {
            @Override
            public HttpURI getHttpURI() {
                return uri;
            }
        }, response);
    }

    /**
     * The query (raw, as sent) with each secret-looking parameter's value replaced by {@code ***}; a
     * field that does not decode (a name hidden behind a bad escape) is hidden whole.
     */
    static String redact(String query) {
        if (query == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(query.length());
        for (String field : query.split("&", -1)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            int equals = field.indexOf('=');
            String name = equals < 0 ? field : field.substring(0, equals);
            String value = equals < 0 ? "" : field.substring(equals + 1);
            String decodedName = decoded(name);
            String decodedValue = decoded(value);
            if (decodedName == null || decodedValue == null || SECRET_VALUE.matcher(decodedName).matches()) {
                out.append(REDACTED);
            } else if (SECRET_NAME.matcher(decodedName.toLowerCase(Locale.ROOT)).matches()
                    || SECRET_VALUE.matcher(decodedValue).matches()) {
                out.append(name).append('=').append(REDACTED);
            } else {
                out.append(field);
            }
        }
        return out.toString();
    }

    private static String decoded(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
