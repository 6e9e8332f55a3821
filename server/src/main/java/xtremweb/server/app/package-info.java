/** Applications and their binaries per OS and CPU. */
package xtremweb.server.app;
