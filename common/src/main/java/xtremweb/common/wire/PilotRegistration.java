package xtremweb.common.wire;

/**
 * {@code POST /api/v1/pilots/register}, sent by a pilot with its grant token as bearer: the host
 * as a worker registers it, and the batch job it runs in ({@code jobId} as the batch system prints
 * it, e.g. Slurm's {@code 1234_7}), which host listings show.
 */
public record PilotRegistration(HostRegistration host, String jobId) {
    public PilotRegistration {
        if (host == null) {
            throw new IllegalArgumentException("host is required: the machine the pilot runs on");
        }
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("jobId is required: the batch job the pilot runs in");
        }
    }
}
