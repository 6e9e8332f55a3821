package xtremweb.gui.volunteer;

import java.util.Optional;
import xtremweb.common.volunteer.WorkerStatus;
import xtremweb.gui.look.Tone;
import xtremweb.gui.table.Times;

/** The top of the window: what the worker does, in a word and a sentence, and its colour. */
record Headline(String title, String detail, Tone tone) {
    static Headline of(LocalWorker.Look look) {
        Optional<WorkerStatus> status = look.status();
        return switch (look.liveness()) {
            case NEVER_STARTED -> new Headline("The worker has not started here yet",
                    "It has written no status yet. Start it with bin/xtremweb.worker start; a pause or a policy chosen here"
                            + " holds from its start.", Tone.MUTED);
            case STOPPED -> new Headline("The worker is not running",
                    "It stopped (last status at " + Times.shortly(status.orElseThrow().written()) + "). Start it with"
                            + " bin/xtremweb.worker start; a pause or a policy chosen here holds from its start.", Tone.MUTED);
            case NOT_ANSWERING -> new Headline("The worker does not answer",
                    "Its process runs but its last status is from " + Times.shortly(status.orElseThrow().written())
                            + "; it may be overloaded or stuck. Its log says more.", Tone.BAD);
            case RUNNING -> running(status.orElseThrow());
        };
    }

    private static Headline running(WorkerStatus s) {
        int tasks = s.tasks().size();
        return switch (s.state()) {
            case CONNECTING -> new Headline("Connecting to the server",
                    "The worker registers with " + s.server() + "; it computes once the server answers.", Tone.WAITING);
            case PAUSED -> new Headline("Paused", "You paused computing: the worker asks for no new work. "
                    + (tasks == 0 ? "No task runs." : tasks(tasks) + " started before the pause may finish."), Tone.WAITING);
            case NOT_ALLOWED -> new Headline("Not computing now", "The activation policy does not allow computing now."
                    + (tasks == 0 ? "" : " " + tasks(tasks) + " frozen until it allows again."), Tone.WAITING);
            case COMPUTING -> new Headline("Computing", tasks(tasks) + " running for the grid.", Tone.ACTIVE);
            case WAITING_FOR_WORK -> new Headline("Waiting for work", "Computing is allowed; the worker asks " + s.server()
                    + " for work and runs it as soon as there is some.", Tone.GOOD);
            case STOPPED -> new Headline("The worker is not running", "It stopped.", Tone.MUTED);
        };
    }

    private static String tasks(int count) {
        return count == 1 ? "1 task" : count + " tasks";
    }

    /** The policy's verdict as one line: allowed or not, since when. */
    static String verdict(WorkerStatus.Verdict verdict) {
        return (verdict.mayCompute() ? "Computing allowed" : "Computing not allowed") + " since "
                + Times.shortly(verdict.since());
    }

    /** The policy in force and where it comes from. */
    static String policy(WorkerStatus.Policy policy) {
        return policy.description() + (policy.fromOwner() ? ", your choice in this window"
                : ", from the worker's configuration file");
    }

    /** What is honest to say about credit today. */
    static String credit() {
        return "none counted yet: only results the grid certifies earn credit, and it does not certify them yet";
    }

    static String completed(WorkerStatus s) {
        return (s.completed() == 1 ? "1 task" : s.completed() + " tasks") + " since the worker started";
    }
}
