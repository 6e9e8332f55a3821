/** The server's logs: the MDC keys every line carries, the text or JSON format chosen in conf/, and the access log with secret-looking query values hidden. */
package xtremweb.server.logging;
