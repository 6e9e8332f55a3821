/**
 * Why a request is refused, as the services say it: not found, forbidden, conflict, invalid input,
 * too large, storage full, unavailable... Each refusal carries a stable code and a sentence for
 * people. Knows nothing of HTTP: the {@code http} package maps each kind to its status.
 */
package xtremweb.server.refusal;
