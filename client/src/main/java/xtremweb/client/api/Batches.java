package xtremweb.client.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import xtremweb.common.json.Json;
import xtremweb.common.wire.WorkBatch;

/**
 * Cuts a parameter sweep into as few batch requests as the server accepts: each under its JSON
 * body limit (1 MiB, with room left for the common part) and its {@link WorkBatch#MAX_JOBS}.
 * A sweep of 10,000 short lines is one request.
 */
final class Batches {
    /** Bytes of jobs per request: the server refuses JSON bodies over 1 MiB. */
    static final int JOB_BYTES = 900 * 1024;

    private Batches() {
    }

    static List<List<WorkBatch.Job>> split(List<WorkBatch.Job> jobs, int maxBytes, int maxJobs) {
        List<List<WorkBatch.Job>> batches = new ArrayList<>();
        List<WorkBatch.Job> current = new ArrayList<>();
        long bytes = 0;
        for (WorkBatch.Job job : jobs) {
            int size = jsonSize(job) + 1;
            if (size > maxBytes) {
                throw new IllegalArgumentException("the job labelled '" + job.label() + "' has " + size
                        + " bytes of arguments, more than a request may carry (" + maxBytes + "); pass large inputs as data: in a"
                        + " file the job reads, sent with xwsendwork --xwstdin FILE or --xwenv FILE|DIR");
            }
            if (!current.isEmpty() && (bytes + size > maxBytes || current.size() == maxJobs)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(job);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private static int jsonSize(WorkBatch.Job job) {
        try {
            return Json.mapper().writeValueAsBytes(job).length;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode the job labelled '" + job.label() + "': " + e.getMessage(), e);
        }
    }
}
