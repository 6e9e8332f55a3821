package xtremweb.bridge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Slurm through its command line: {@code sbatch --parsable --array}, {@code squeue} with a fixed
 * output format, {@code scancel}. The bridge's pilots are told apart by their job name and their
 * comment (the bridge's tag), so that a restarted bridge finds the pilots it submitted before and
 * other bridges' pilots are never counted or cancelled.
 */
final class Slurm implements BatchSystem {
    // squeue's fields, separated by a character no job id, state or tag holds.
    private static final String SEPARATOR = "|";
    private final SlurmOptions options;
    private final Commands commands;

    Slurm(SlurmOptions options, Commands commands) {
        this.options = options;
        this.commands = commands;
    }

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public String submit(int count, Path script, Path workDir, Path logDir) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable", "--array=1-" + count, "--job-name=" + options.jobName(),
                "--comment=" + options.tag(), "--chdir=" + workDir, "--output=" + logDir.resolve("pilot-%A_%a.out"),
                "--time=" + options.timeMinutes(), "--cpus-per-task=" + options.cpus(), "--ntasks=1", "--nodes=1",
                // The pilot is the batch shell (it execs the JVM): Slurm's warning must go to it, not to job steps.
                "--signal=B:USR1@" + options.signalSeconds()));
        options.partition().ifPresent(p -> command.add("--partition=" + p));
        options.account().ifPresent(a -> command.add("--account=" + a));
        options.qos().ifPresent(q -> command.add("--qos=" + q));
        if (options.memoryMb() > 0) {
            command.add("--mem=" + options.memoryMb());
        }
        command.addAll(options.extraOptions());
        command.add(script.toString());
        return parseSubmitted(commands.run(command));
    }

    /** {@code sbatch --parsable} prints {@code jobid} or {@code jobid;cluster}. */
    static String parseSubmitted(String output) {
        String first = output.strip().lines().reduce((a, b) -> b).orElse("");
        String id = first.split(";", 2)[0].trim();
        if (!id.matches("[0-9]+")) {
            throw new BatchException("sbatch printed no job id but '" + output.strip() + "'");
        }
        return id;
    }

    @Override
    public List<PilotJob> list() {
        // -r: one line per array task, pending ones included; %i id, %F array id, %T state, %k comment.
        String output = commands.run(List.of("squeue", "--me", "--noheader", "--array", "--name=" + options.jobName(),
                "--format=%i" + SEPARATOR + "%F" + SEPARATOR + "%T" + SEPARATOR + "%k"));
        return parseQueue(output, options.tag());
    }

    /** The lines of squeue whose comment is {@code tag}; lines that do not parse are skipped. */
    static List<PilotJob> parseQueue(String output, String tag) {
        List<PilotJob> jobs = new ArrayList<>();
        for (String line : output.lines().toList()) {
            String[] fields = line.strip().split("\\|", 4);
            if (fields.length < 4 || !fields[3].strip().equals(tag) || fields[0].isBlank()) {
                continue;
            }
            jobs.add(new PilotJob(fields[0].strip(), fields[1].strip(), state(fields[2].strip())));
        }
        return jobs;
    }

    /** Slurm's job states as the bridge counts them (squeue --states, "JOB STATE CODES"). */
    static PilotJob.State state(String slurmState) {
        return switch (slurmState.toUpperCase(Locale.ROOT)) {
            case "PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD", "SPECIAL_EXIT" -> PilotJob.State.QUEUED;
            case "RUNNING", "CONFIGURING", "RESIZING", "SUSPENDED", "STAGE_OUT", "SIGNALING" -> PilotJob.State.RUNNING;
            default -> PilotJob.State.ENDING;
        };
    }

    @Override
    public void cancel(List<String> jobIds) {
        if (jobIds.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("scancel"));
        command.addAll(jobIds);
        commands.run(command);
    }
}
