package xtremweb.bridge;

/** One pilot as the batch system lists it: its id ({@code 1234_7}), the array it belongs to, and its state. */
public record PilotJob(String jobId, String arrayId, State state) {
    /** What the bridge tells apart: waiting for a node, on one, or on its way out. */
    public enum State { QUEUED, RUNNING, ENDING }
}
