/** The server's application log: the MDC keys every line carries, and the text or JSON format chosen in conf/. */
package xtremweb.server.logging;
