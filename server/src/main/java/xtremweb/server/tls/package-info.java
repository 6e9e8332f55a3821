/** The server's TLS key pair, self-signed certificate and HTTPS connector. */
package xtremweb.server.tls;
