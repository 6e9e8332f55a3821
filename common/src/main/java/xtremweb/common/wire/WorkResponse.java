package xtremweb.common.wire;

/**
 * Answer to {@code POST /api/v1/worker/workrequest}: an assignment, or none and how long to wait
 * before asking again. The server may hold the request (long poll) up to the requested wait.
 */
public record WorkResponse(Assignment assignment, int retryAfterSeconds, int alivePeriodSeconds) {
}
