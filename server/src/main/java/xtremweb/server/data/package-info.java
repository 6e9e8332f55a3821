/** Data objects, and their content in a data store: a local directory, or an S3-compatible bucket shared by several servers. */
package xtremweb.server.data;
