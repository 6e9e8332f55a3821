/** Unpacking untrusted zips (job environments, results) without ever writing outside the target directory. */
package xtremweb.common.archive;
