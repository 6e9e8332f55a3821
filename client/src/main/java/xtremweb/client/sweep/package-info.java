/** Parameter sweeps: a parameter file read into one job per line (xwsendwork --xwparams). */
package xtremweb.client.sweep;
