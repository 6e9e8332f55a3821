/** The HTTP layer: routing, JSON bodies, problem responses. */
package xtremweb.server.http;
