package xtremweb.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.json.Json;
import xtremweb.common.wire.Problem;

/**
 * Answers the errors Jetty raises itself, before or around the API handler (a path with an encoded
 * '/' or a NUL, headers or a URI over the limits, a request line that is not HTTP), as problem+json
 * like every other error of the API, whatever the method and the Accept header say.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        int status = code;
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            // A request line naming another HTTP version is the client's mistake: a 5xx would read as the server's.
            status = HttpStatus.BAD_REQUEST_400;
            message = "this server speaks HTTP/1.1, not what the request line says";
            response.setStatus(status);
        }
        Problem problem = problem(status, message, cause, request.getMethod() + " " + request.getHttpURI().getPath());
        byte[] body = Json.mapper().writeValueAsBytes(problem);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        ApiHandler.securityHeaders(response);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** A request Jetty could not even parse: the answer is written by the connection itself. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        Problem problem = problem(status, reason, null, "an unparsable request");
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE));
        try {
            return ByteBuffer.wrap(Json.mapper().writeValueAsBytes(problem));
        } catch (IOException e) {
            return ByteBuffer.wrap(("{\"status\":" + status + ",\"code\":\"" + Problems.code(status) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Problem problem(int status, String reason, Throwable cause, String what) {
        if (status >= 500) {
            String errorId = Problems.newErrorId();
            if (cause != null) {
                LOG.error("error {}: {} failed in the HTTP server", errorId, what, cause);
            } else {
                LOG.error("error {}: {} failed in the HTTP server: {} {}", errorId, what, status, reason);
            }
            return Problem.failure(Problems.failureDetail(errorId), errorId);
        }
        return Problem.of(status, Problems.code(status), Problems.detail(status, reason));
    }
}
