/** The HTTPS client of workers and clients: pinned server certificate, bearer token, problem+json errors. */
package xtremweb.common.http;
