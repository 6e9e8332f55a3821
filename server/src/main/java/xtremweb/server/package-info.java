/** The server process: configuration, start-up and shutdown. */
package xtremweb.server;
