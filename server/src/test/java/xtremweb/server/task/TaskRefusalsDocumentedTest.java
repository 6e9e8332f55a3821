package xtremweb.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * API.md says what {@code TaskOutcomes} answers a worker call on a task it does not hold, as
 * SecurityAttacksApiTest checks over HTTPS: 403 for another host's task (a task UID of another host
 * is never this host's), 409 for a task this host held that moved on. A worker drops the task on
 * either; the two were once documented as one 409.
 */
class TaskRefusalsDocumentedTest {
    private static final String ANOTHER_HOST = "403 `forbidden` if the task is another host's";
    private static final String MOVED_ON = "409 `conflict` if it was this host's but is no longer running";

    @ParameterizedTest
    @ValueSource(strings = {"/inputs/{dataUid}`", "/result`", "/status`", "/giveback`"})
    void everyWorkerCallOnATaskDocumentsForbiddenForAnotherHostAndConflictForATaskThatMovedOn(String call) throws IOException {
        String row = row("`/api/v1/worker/tasks/{taskUid}" + call);
        assertThat(row).contains(ANOTHER_HOST).contains(MOVED_ON)
                .doesNotContain("409 if the task is not (any more) this host's");
    }

    private static String row(String path) throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "API.md")).stream().filter(l -> l.startsWith("| ") && l.contains(path))
                .toList();
        assertThat(rows).as("API.md rows for " + path).hasSize(1);
        return rows.get(0);
    }
}
