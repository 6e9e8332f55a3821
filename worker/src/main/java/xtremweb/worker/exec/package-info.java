/**
 * Running one job safely: a private scratch directory, the env archive unpacked without zip-slip or
 * links, the binary started with its exact argument vector and a minimal environment under a
 * wall-clock limit, and the result zip of what the job created or modified.
 */
package xtremweb.worker.exec;
