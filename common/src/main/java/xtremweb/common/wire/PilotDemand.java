package xtremweb.common.wire;

/**
 * {@code GET /api/v1/pilots/demand?os=&cpu=}: how many pending works a worker logged in as the
 * caller could run on that platform now ({@code scope}: PUBLIC, GROUP or PRIVATE, as the access
 * policy sees the caller). What a bridge sizes its pilots by.
 */
public record PilotDemand(String login, String scope, String os, String cpu, long pending) {
}
