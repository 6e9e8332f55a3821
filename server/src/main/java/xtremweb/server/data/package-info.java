/** Data objects and their content on disk. */
package xtremweb.server.data;
