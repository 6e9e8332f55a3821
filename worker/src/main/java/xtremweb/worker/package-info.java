/** The worker process: start-up, configuration lookup and the shutdown hook. */
package xtremweb.worker;
