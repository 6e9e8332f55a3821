/** Activation policies: when the volunteer's machine may compute (the manual's {@code activator.class}). */
package xtremweb.worker.activator;
