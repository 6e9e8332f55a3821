/** The worker's configuration, read from {@code xtremweb.worker.conf} once and validated at start-up. */
package xtremweb.worker.config;
