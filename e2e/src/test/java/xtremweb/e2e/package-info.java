/** End-to-end tests: the real server, real worker processes and the real bin/ client scripts over HTTPS. */
package xtremweb.e2e;
