package xtremweb.common.wire;

/** {@code PUT /api/v1/hosts/{uid}/activation}: switches a host on (gets work) or off (gets none). */
public record HostActivation(boolean enabled) {
}
