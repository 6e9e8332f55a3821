package xtremweb.worker.exec;

/** How a job process ended: its exit code, or killed at the wall-clock limit (then the code means nothing). */
public record JobExit(int exitCode, boolean timedOut) {
    static JobExit exited(int code) {
        return new JobExit(code, false);
    }

    static JobExit killedAtLimit() {
        return new JobExit(-1, true);
    }
}
