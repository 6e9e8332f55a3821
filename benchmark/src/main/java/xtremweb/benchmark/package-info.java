/** Benchmarks run on demand (bin/xwbench-*), printing their figures; never part of the test suite. */
package xtremweb.benchmark;
