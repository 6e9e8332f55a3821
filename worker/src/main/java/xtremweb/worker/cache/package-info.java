/**
 * The download cache of inputs, named by SHA-256: a binary used by a thousand jobs is fetched and
 * verified once.
 */
package xtremweb.worker.cache;
