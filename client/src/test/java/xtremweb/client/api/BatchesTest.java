package xtremweb.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import xtremweb.common.json.Json;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkSubmit;

class BatchesTest {
    private static List<WorkBatch.Job> jobs(int count, String arg) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new WorkBatch.Job(List.of("-e", arg + i), "sweep-" + i)).toList();
    }

    @Test
    void tenThousandShortLinesAreOneRequest() {
        assertThat(Batches.split(jobs(10_000, "0."), Batches.JOB_BYTES, WorkBatch.MAX_JOBS)).hasSize(1);
    }

    @Test
    void aSweepTooLargeForOneRequestIsCutUnderTheServersBodyLimitKeepingEveryJobInOrder() throws Exception {
        List<WorkBatch.Job> jobs = jobs(3_000, "x".repeat(1000));

        List<List<WorkBatch.Job>> batches = Batches.split(jobs, Batches.JOB_BYTES, WorkBatch.MAX_JOBS);

        assertThat(batches).hasSizeGreaterThan(3);
        assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(jobs);
        for (List<WorkBatch.Job> batch : batches) {
            byte[] body = Json.mapper().writeValueAsBytes(new WorkBatch(new WorkSubmit("echo", List.of(), "a label",
                    null, null, null, null, null, null, "session-uid", "group-uid"), batch));
            assertThat(body.length).isLessThanOrEqualTo(1024 * 1024);
        }
    }

    @Test
    void noRequestCarriesMoreJobsThanTheServerTakes() {
        assertThat(Batches.split(jobs(25, ""), Batches.JOB_BYTES, 10)).extracting(List::size).containsExactly(10, 10, 5);
    }

    @Test
    void aSingleJobLargerThanARequestIsRefusedByItsLabelNamingTheOptionsThatSendData() {
        assertThatThrownBy(() -> Batches.split(List.of(new WorkBatch.Job(List.of("y".repeat(2000)), "huge-7")), 1000, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'huge-7'")
                .hasMessageEndingWith("pass large inputs as data: in a file the job reads, sent with xwsendwork --xwstdin FILE"
                        + " or --xwenv FILE|DIR");
    }
}
