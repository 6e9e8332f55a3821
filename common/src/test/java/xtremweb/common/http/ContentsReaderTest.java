package xtremweb.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xtremweb.common.json.Json;
import xtremweb.common.wire.DataContents;

/** The answer of {@code POST /datas/contents} is read whole and checked, or refused: never half taken. */
class ContentsReaderTest {
    private static final String A = "0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59";
    private static final String B = "1c7d2b1f-7a8f-4d66-8e1b-3a2e9d4c5b60";

    /** A sink keeping each content, and the UIDs it was told were whole. */
    private static final class Kept implements ContentsReader.Sink {
        final Map<String, byte[]> contents = new LinkedHashMap<>();
        final List<String> whole = new ArrayList<>();
        private ByteArrayOutputStream current;

        @Override
        public OutputStream open(DataContents.Header header) {
            current = new ByteArrayOutputStream();
            return current;
        }

        @Override
        public void done(DataContents.Header header) {
            contents.put(header.uid(), current.toByteArray());
            whole.add(header.uid());
        }
    }

    private static byte[] entry(String uid, byte[] content, String sha256) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Json.mapper().writeValueAsBytes(new DataContents.Header(uid, content.length, sha256)));
        out.write('\n');
        out.write(content);
        return out.toByteArray();
    }

    private static String sha(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void readsEachContentInTheOrderAskedAndChecksIt() throws Exception {
        byte[] a = "first result".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[200_000];
        new java.util.Random(7).nextBytes(b);
        Kept kept = new Kept();
        ContentsReader.read(new ByteArrayInputStream(join(entry(A, a, sha(a)), entry(B, b, sha(b)))), List.of(A, B), kept);
        assertThat(kept.whole).containsExactly(A, B);
        assertThat(kept.contents.get(A)).isEqualTo(a);
        assertThat(kept.contents.get(B)).isEqualTo(b);
    }

    @Test
    void anAnswerCutShortIsRefusedAndTheCutContentIsNeverWhole() throws Exception {
        byte[] a = "first result".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second result".getBytes(StandardCharsets.UTF_8);
        byte[] answer = join(entry(A, a, sha(a)), entry(B, b, sha(b)));
        byte[] cut = java.util.Arrays.copyOf(answer, answer.length - 3);
        Kept kept = new Kept();
        assertThatThrownBy(() -> ContentsReader.read(new ByteArrayInputStream(cut), List.of(A, B), kept))
                .isInstanceOf(IOException.class).hasMessageContaining("ended 3 bytes early");
        assertThat(kept.whole).containsExactly(A);
        // An answer that stops between two contents is refused as well.
        assertThatThrownBy(() -> ContentsReader.read(new ByteArrayInputStream(entry(A, a, sha(a))), List.of(A, B), new Kept()))
                .isInstanceOf(IOException.class).hasMessageContaining("before all the contents");
    }

    @Test
    void otherBytesThanAnnouncedOrAnotherDataAreRefused() throws Exception {
        byte[] a = "first result".getBytes(StandardCharsets.UTF_8);
        Kept kept = new Kept();
        assertThatThrownBy(() -> ContentsReader.read(new ByteArrayInputStream(entry(A, a, sha("other".getBytes(StandardCharsets.UTF_8)))),
                List.of(A), kept)).isInstanceOf(IOException.class).hasMessageContaining("SHA-256");
        assertThat(kept.whole).isEmpty();
        assertThatThrownBy(() -> ContentsReader.read(new ByteArrayInputStream(entry(B, a, sha(a))), List.of(A), new Kept()))
                .isInstanceOf(IOException.class).hasMessageContaining("where " + A + " was expected");
        byte[] noLine = new byte[10_000];
        java.util.Arrays.fill(noLine, (byte) 'x');
        assertThatThrownBy(() -> ContentsReader.read(new ByteArrayInputStream(noLine), List.of(A), new Kept()))
                .isInstanceOf(IOException.class).hasMessageContaining("not a list of contents");
    }
}
