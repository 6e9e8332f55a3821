/**
 * The worker as a pilot job: started by a bridge through a batch system, registered with the grant
 * the bridge handed it, sized by what the batch job got, and leaving (its works given back) when
 * idle, near its time limit, or told to by the batch system.
 */
package xtremweb.worker.pilot;
