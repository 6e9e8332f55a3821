/** Fetching a work's result: download, checksum check, safe extraction, then erasing the work on the server. */
package xtremweb.client.result;
