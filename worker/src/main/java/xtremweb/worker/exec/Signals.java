package xtremweb.worker.exec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGSTOP and SIGCONT for a job's whole process tree (Linux and macOS), through {@code kill}:
 * Java can only terminate processes. A stopped job keeps its memory but uses no CPU.
 */
public final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** Stops the job, then its descendants (listed after the parent froze, so it forks no new ones). */
    public static void stopTree(Process process) {
        send("STOP", List.of(process.pid()));
        send("STOP", process.descendants().map(ProcessHandle::pid).toList());
    }

    /** Continues the descendants, then the job. */
    public static void continueTree(Process process) {
        send("CONT", process.descendants().map(ProcessHandle::pid).toList());
        send("CONT", List.of(process.pid()));
    }

    /** Kills every process of the process group {@code leader} leads (the job and what it left running). */
    static void killGroup(long leader) {
        send("KILL", List.of(-leader));
    }

    /** The job and its descendants' pids, e.g. to tell their CPU use from the owner's. */
    public static List<Long> pids(Process process) {
        List<Long> pids = new ArrayList<>();
        if (process.isAlive()) {
            pids.add(process.pid());
            process.descendants().forEach(d -> pids.add(d.pid()));
        }
        return pids;
    }

    private static void send(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        // "--": a negative pid names a process group, not an option
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, "--"));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.warn("cannot send SIG{} to {}: {}", signal, pids, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
