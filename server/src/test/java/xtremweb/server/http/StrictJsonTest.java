package xtremweb.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xtremweb.common.wire.GroupingCreate;
import xtremweb.common.wire.HostActivation;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.server.refusal.InvalidInput;

/** Request bodies are read strictly, and a refusal names the field in words a user knows. */
class StrictJsonTest {
    private static <T> T read(String json, Class<T> type) {
        return StrictJson.read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static String refusal(String json, Class<?> type) {
        try {
            read(json, type);
        } catch (InvalidInput e) {
            assertThat(e.detail()).doesNotContain("xtremweb.", "java.", "`", "Cannot ", "DeserializationFeature");
            return e.detail();
        }
        throw new AssertionError(json + " was accepted as a " + type.getSimpleName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"x\"", "1", "true", "[]", "[{\"login\":\"a\",\"password\":\"b\"}]"})
    void aBodyThatIsNotOneObjectIsRefused(String body) {
        assertThat(refusal(body, LoginRequest.class)).startsWith("the body must be one JSON object");
    }

    @Test
    void validUtf8OfAnyLengthPassesTheEncodingCheckAndAnInvalidByteIsNamedWhereverItIs() {
        assertThat(read("{\"name\":\"é€😀\"}", GroupingCreate.class).name()).isEqualTo("é€😀");
        // Past the decoder's first buffer: the body reaches the record, which refuses the long name.
        assertThat(refusal("{\"name\":\"" + "é€😀".repeat(5_000) + "\"}", GroupingCreate.class))
                .startsWith("a session or group name is 1 to 100 characters");
        byte[] body = ("{\"name\":\"" + "é".repeat(10_000) + "xyz\"}").getBytes(StandardCharsets.UTF_8);
        int bad = body.length - 4;
        body[bad] = (byte) 0xFF;
        assertThatThrownBy(() -> StrictJson.read(body, GroupingCreate.class)).isInstanceOfSatisfying(InvalidInput.class, e ->
                assertThat(e.detail()).isEqualTo("the body is not valid UTF-8 JSON: byte " + bad
                        + " (0xFF) begins no valid UTF-8 character; encode the JSON in UTF-8"));
    }

    @Test
    void aBareStringDoesNotCreateASession() {
        assertThat(refusal("\"x\"", GroupingCreate.class)).startsWith("the body must be one JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"login\":\"a\",\"password\":\"b\"} {}", "{\"login\":\"a\",\"password\":\"b\"} 1"})
    void somethingAfterTheObjectIsRefused(String body) {
        assertThat(refusal(body, LoginRequest.class)).contains("more after its JSON object");
    }

    @Test
    void strayClosingBracesAfterTheObjectAreRefused() {
        assertThat(refusal("{\"login\":\"a\",\"password\":\"b\"}}}x", LoginRequest.class))
                .startsWith("malformed JSON at line 1, column 29");
    }

    @Test
    void bytesThatAreNotBase64AreSaidToBeBase64NotAnArray() {
        // Before: "it must be an array", for a result's zip in a batch (POST /api/v1/worker/results).
        assertThat(refusal("{\"results\":[{\"taskUid\":\"t\",\"exitCode\":0,\"zip\":\"!!not base64\"}]}",
                xtremweb.common.wire.ResultBatch.class))
                .contains("field 'results[0].zip'").contains("must be base64 text").doesNotContain("an array");
    }

    @Test
    void aDecimalIsNotAWholeNumber() {
        assertThat(refusal("{\"waitSeconds\": 1.5}", WorkRequest.class))
                .contains("field 'waitSeconds'").contains("whole number");
    }

    @Test
    void aStringIsNotANumberNorANumberAString() {
        assertThat(refusal("{\"waitSeconds\": \"5\"}", WorkRequest.class)).contains("field 'waitSeconds'");
        assertThat(refusal("{\"login\": 12, \"password\": \"x\"}", LoginRequest.class)).contains("field 'login'")
                .contains("a string");
        assertThat(refusal("{\"enabled\": \"false\"}", HostActivation.class)).contains("field 'enabled'");
        assertThat(refusal("{\"enabled\": 0}", HostActivation.class)).contains("field 'enabled'");
    }

    @Test
    void aMissingOrNullSwitchIsRefusedNotTakenAsFalse() {
        assertThat(refusal("{}", HostActivation.class)).contains("'enabled'");
        assertThat(refusal("{\"enabled\": null}", HostActivation.class)).contains("'enabled'");
        assertThat(read("{\"enabled\": false}", HostActivation.class).enabled()).isFalse();
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThat(refusal("{\"enabled\": true, \"enabled\": false}", HostActivation.class)).contains("enabled");
    }

    @Test
    void aWrongTypeDeepInsideNamesItsPath() {
        assertThat(refusal("{\"app\": \"a\", \"args\": [\"x\", 2]}", WorkSubmit.class)).contains("field 'args[1]'");
        assertThat(refusal("{\"app\": \"a\", \"args\": \"x\"}", WorkSubmit.class)).contains("field 'args'").contains("an array");
    }

    @Test
    void aNullInsideAnArrayIsRefused() {
        assertThat(refusal("{\"app\": \"a\", \"args\": [null]}", WorkSubmit.class)).isNotBlank();
    }

    @Test
    void theRecordsOwnCheckSpeaks() {
        assertThat(refusal("{\"login\": \"\", \"password\": \"x\"}", LoginRequest.class)).isEqualTo("login is required");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThat(refusal("{\"login\": ", LoginRequest.class)).startsWith("malformed JSON at line 1");
    }

    @Test
    void unknownFieldsAreIgnoredForNewerClients() {
        assertThat(read("{\"login\":\"a\",\"password\":\"b\",\"otp\":{\"x\":[1]}}", LoginRequest.class).login()).isEqualTo("a");
    }
}
