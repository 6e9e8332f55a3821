package xtremweb.worker.task;

/** What the activation policy does to the running jobs when the machine's owner comes and goes. */
public interface JobControl {
    /** Freezes every job; returns how many. */
    int suspendAll();

    /** Thaws every job; returns how many. */
    int resumeAll();

    /** Kills every job and gives its work back to the server; returns how many. */
    int giveBackAll();
}
