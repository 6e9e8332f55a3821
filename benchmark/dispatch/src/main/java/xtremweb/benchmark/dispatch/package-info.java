/**
 * The dispatch benchmark: simulated workers and a submitter against a real server process over
 * HTTPS, printing the figures. Run by bin/xwbench-dispatch, never by the test suite.
 */
package xtremweb.benchmark.dispatch;
