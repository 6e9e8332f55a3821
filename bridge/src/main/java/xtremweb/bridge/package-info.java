/**
 * The bridge: grows the grid onto a batch cluster by submitting pilot workers (gliding-in) for
 * the pending works its worker identity may run, and cancelling those still queued once the
 * works are gone. Batch systems sit behind {@link xtremweb.bridge.BatchSystem}; Slurm is built.
 */
package xtremweb.bridge;
