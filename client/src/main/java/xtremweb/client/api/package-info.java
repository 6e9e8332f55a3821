/** The client library: log in, upload data, insert apps, submit and follow works. The CLI and the GUI both use it. */
package xtremweb.client.api;
