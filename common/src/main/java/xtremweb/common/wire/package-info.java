/**
 * JSON messages of the {@code /api/v1/} protocol (see API.md at the root of the repository). Records,
 * validated in their compact constructors, shared by server, worker and client.
 */
package xtremweb.common.wire;
