package xtremweb.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerListTest {
    private static final URI A = URI.create("https://a.example:4330");
    private static final URI B = URI.create("https://b.example:4331");
    private static final URI C = URI.create("https://c.example:4332");

    @Test
    void movesOnInTurnAndWrapsAround() {
        ServerList list = new ServerList(List.of(A, B, C));
        assertThat(list.current()).isEqualTo(A);
        assertThat(list.moveOn(A)).isEqualTo(B);
        assertThat(list.moveOn(B)).isEqualTo(C);
        assertThat(list.moveOn(C)).isEqualTo(A);
    }

    @Test
    void aThreadThatSawAnOlderFailureDoesNotSkipAServer() {
        ServerList list = new ServerList(List.of(A, B, C));
        list.moveOn(A);
        assertThat(list.moveOn(A)).as("A already left by another thread: stay on B").isEqualTo(B);
    }

    @Test
    void onlyAnswersAnotherServerMayGiveDifferentlyMoveOn() {
        assertThat(ServerList.worthAnother(call("POST"), 503)).isTrue();
        assertThat(ServerList.worthAnother(call("POST"), 502)).isTrue();
        assertThat(ServerList.worthAnother(call("POST"), 500)).as("the POST may have done its work").isFalse();
        assertThat(ServerList.worthAnother(call("GET"), 500)).isTrue();
        assertThat(ServerList.worthAnother(call("GET"), 504)).isTrue();
        assertThat(ServerList.worthAnother(call("GET"), 404)).isFalse();
        assertThat(ServerList.worthAnother(call("GET"), 409)).isFalse();
        assertThat(ServerList.worthAnother(call("PUT"), 200)).isFalse();
    }

    @Test
    void aConnectionNeverMadeMovesOnButAWrongCertificateNever() {
        assertThat(ServerList.worthAnother(call("POST"), new XwConnectException(XwConnectException.Reason.REFUSED, "refused", null))).isTrue();
        assertThat(ServerList.worthAnother(call("POST"), new XwConnectException(XwConnectException.Reason.UNKNOWN_HOST, "dns", null))).isTrue();
        assertThat(ServerList.worthAnother(call("POST"), new XwConnectException("cut meanwhile", null)))
                .as("a POST cut meanwhile may have done its work").isFalse();
        assertThat(ServerList.worthAnother(call("GET"), new XwConnectException("cut meanwhile", null))).isTrue();
        assertThat(ServerList.worthAnother(call("GET"), new XwConnectException(XwConnectException.Reason.CERTIFICATE, "cert", null))).isFalse();
    }

    @Test
    void aCreationNamedByItsIdempotencyKeyIsRepeatableLikeAPut() {
        HttpRequest keyed = HttpRequest.newBuilder(URI.create("https://a.example:4330/api/v1/works"))
                .header(XwHttpClient.IDEMPOTENCY_KEY, "k-1").POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(ServerList.worthAnother(keyed, new XwConnectException("cut meanwhile", null)))
                .as("the server answers a repetition with what the first one created").isTrue();
        assertThat(ServerList.worthAnother(keyed, 500)).isTrue();
        assertThat(ServerList.worthAnother(keyed, 422)).isFalse();
    }

    /** A call of {@code method} without a body or an Idempotency-Key. */
    private static HttpRequest call(String method) {
        return HttpRequest.newBuilder(URI.create("https://a.example:4330/api/v1/works")).method(method, HttpRequest.BodyPublishers.noBody())
                .build();
    }

    @Test
    void aRequestMovedToAnotherServerKeepsItsPathQueryMethodAndHeaders() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://a.example:4330/api/v1/works?status=COMPLETED&x=%20y"))
                .header("Authorization", "Bearer t").DELETE().build();
        HttpRequest moved = ServerList.retarget(request, B);
        assertThat(moved.uri()).isEqualTo(URI.create("https://b.example:4331/api/v1/works?status=COMPLETED&x=%20y"));
        assertThat(moved.method()).isEqualTo("DELETE");
        assertThat(moved.headers().firstValue("Authorization")).contains("Bearer t");
    }

    @Test
    void anEmptyListIsRefusedWithTheKeyToFix() {
        assertThatThrownBy(() -> new ServerList(List.of())).hasMessageContaining("dispatcher.servers");
    }
}
