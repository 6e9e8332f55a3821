package xtremweb.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real one-node Slurm cluster for a test, as {@code shared/peers/slurm/run.sh} sets one up:
 * Debian's slurm-wlm and munge, a private munge key and socket, controller and node on free local
 * ports, every file (state, spool, logs) in the test's directory, no systemd and no cgroups. Every
 * daemon is a child process stopped by its PID at {@link #close}, after cancelling what is left in
 * the queue. Needs root (slurmd starts jobs as their submitter); {@link #available} says whether
 * this machine can run it.
 */
final class OneNodeSlurm implements AutoCloseable {
    static final String PARTITION = "grid";
    static final String CLUSTER = "xwtest";
    private final Path dir;
    private final Path conf;
    private final String node;
    private final List<Process> daemons = new ArrayList<>();
    private final Path munge;

    private OneNodeSlurm(Path dir, String node) throws IOException {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
        this.node = node;
        // munged wants every directory above its socket open to all (a test's own temporary directory is not).
        this.munge = Files.createTempDirectory("xw-munge-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /** Why this machine cannot run the cluster, if it cannot (not root, packages missing). */
    static Optional<String> unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("a one-node Slurm needs root (slurmd starts jobs as their submitter); run the tests as root, as CI does");
        }
        for (String binary : List.of("munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "scontrol")) {
            if (Stream.of(System.getenv("PATH").split(":"), new String[] {"/usr/sbin", "/sbin"}).flatMap(Stream::of)
                    .noneMatch(p -> Files.isExecutable(Path.of(p, binary)))) {
                return Optional.of(binary + " is not installed: apt-get install slurm-wlm munge (.ci/run does)");
            }
        }
        return Optional.empty();
    }

    /** Starts munged, slurmctld and slurmd; returns once the node is idle. {@code cpus} job slots (CR_CPU). */
    static OneNodeSlurm start(Path dir, int cpus) throws Exception {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        OneNodeSlurm slurm = new OneNodeSlurm(dir, shortHostName());
        try {
            slurm.startDaemons(cpus);
        } catch (Exception | Error e) {
            slurm.close();
            throw new IllegalStateException(e.getMessage() + "\n" + slurm.logs(), e);
        }
        return slurm;
    }

    private void startDaemons(int cpus) throws Exception {
        for (String sub : List.of("state", "spool", "log")) {
            Files.createDirectories(dir.resolve(sub));
        }
        byte[] key = new byte[1024];
        new SecureRandom().nextBytes(key);
        Path keyFile = Files.write(munge.resolve("munge.key"), key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));
        Path socket = munge.resolve("munge.socket");
        daemons.add(spawn("munged", List.of("munged", "--foreground", "--socket=" + socket, "--key-file=" + keyFile,
                "--pid-file=" + munge.resolve("munged.pid"), "--log-file=" + munge.resolve("munged.log"),
                "--seed-file=" + munge.resolve("munged.seed"), "--num-threads=4")));
        Awaitility.await("munged's socket").atMost(Duration.ofSeconds(30)).until(() -> Files.exists(socket));

        int ctld = freePort();
        int slurmd = freePort();
        long memoryMb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(1024L);
        Files.writeString(conf, String.join("\n",
                "# A one-node cluster for XtremWeb's end-to-end tests (see shared/peers/slurm/run.sh).",
                "ClusterName=" + CLUSTER,
                "SlurmctldHost=" + node + "(127.0.0.1)",
                "SlurmctldPort=" + ctld,
                "SlurmdPort=" + slurmd,
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + socket,
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("log/slurmd.log"),
                "SlurmctldDebug=info",
                "SlurmdDebug=info",
                "MailProg=/bin/true",
                "Epilog=/bin/true",
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "JobCompType=jobcomp/none",
                "MpiDefault=none",
                "SwitchType=switch/none",
                "PriorityType=priority/basic",
                "SchedulerType=sched/backfill",
                "SchedulerParameters=batch_sched_delay=0",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                // The node may declare more CPUs than this machine has: pilots mostly wait for the server.
                "SlurmdParameters=config_overrides",
                // Ended jobs stay visible (scontrol show job) long enough for the tests to read how they ended.
                "MinJobAge=600",
                "MessageTimeout=30",
                "ReturnToService=2",
                "InactiveLimit=0",
                "KillWait=15",
                "Waittime=0",
                "SlurmdTimeout=300",
                "SlurmctldTimeout=120",
                "NodeName=" + node + " NodeAddr=127.0.0.1 CPUs=" + cpus + " RealMemory=" + memoryMb + " State=UNKNOWN",
                "PartitionName=" + PARTITION + " Nodes=" + node + " Default=YES MaxTime=INFINITE State=UP", ""));
        daemons.add(spawn("slurmctld", List.of("slurmctld", "-D", "-c", "-f", conf.toString())));
        Awaitility.await("slurmctld up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> tryRun(List.of("scontrol", "ping")).contains("is UP"));
        daemons.add(spawn("slurmd", List.of("slurmd", "-D", "-f", conf.toString(), "-N", node)));
        Awaitility.await("node idle").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> tryRun(List.of("sinfo", "-h", "-n", node, "-o", "%T")).strip().equals("idle"));
    }

    /** The environment that points Slurm's commands at this cluster. */
    Map<String, String> env() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    /** Runs a Slurm command against this cluster; fails on a non-zero exit. */
    String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private String tryRun(List<String> command) {
        try {
            return run(command);
        } catch (Exception e) {
            return "";
        }
    }

    /** The jobs of a name still in the queue, one line per array task: id, state. */
    List<String> queue(String jobName) throws IOException, InterruptedException {
        return run(List.of("squeue", "--noheader", "--array", "--name=" + jobName, "--format=%i %T")).lines()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** Slurm's view of one job ({@code scontrol show job ID}): a field such as JobState or RunTime. */
    String jobField(String jobId, String field) throws IOException, InterruptedException {
        for (String word : run(List.of("scontrol", "-o", "show", "job", jobId)).split("\\s+")) {
            if (word.startsWith(field + "=")) {
                return word.substring(field.length() + 1);
            }
        }
        throw new IllegalStateException("no " + field + " for job " + jobId);
    }

    void partition(String state) throws IOException, InterruptedException {
        run(List.of("scontrol", "update", "PartitionName=" + PARTITION, "State=" + state));
    }

    /** The tails of the daemons' logs, for a failure's message. */
    String logs() {
        StringBuilder text = new StringBuilder();
        for (String log : List.of("log/slurmctld.log", "log/slurmd.log", "munged.log", "slurmctld.out", "slurmd.out", "munged.out")) {
            Path file = log.equals("munged.log") ? munge.resolve(log) : dir.resolve(log);
            try {
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file);
                    text.append("---- ").append(log).append('\n')
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).append('\n');
                }
            } catch (IOException e) {
                text.append("---- ").append(log).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    private Process spawn(String name, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env());
        return builder.start();
    }

    /** Cancels what is left, then stops slurmd, slurmctld and munged by PID, and any job step of this cluster left behind. */
    @Override
    public void close() throws Exception {
        if (daemons.size() == 3 && daemons.get(1).isAlive()) {
            tryRun(List.of("scancel", "--full", "--partition=" + PARTITION));
            Awaitility.await("queue empty").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> run(List.of("squeue", "--noheader", "--format=%i")).isBlank());
        }
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process daemon = daemons.get(i);
            daemon.destroy();
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
                daemon.waitFor(10, TimeUnit.SECONDS);
            }
        }
        // slurmstepd of this cluster carry its SLURM_CONF in their environment: those (and only those) are killed.
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline"));
                    String environ = new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.ISO_8859_1);
                    if (cmdline.startsWith("slurmstepd") && environ.contains(conf.toString())) {
                        ProcessHandle.of(Long.parseLong(proc.getFileName().toString())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                } catch (IOException e) {
                    // the process ended meanwhile, or is not ours to read
                }
            }
        }
        try (Stream<Path> walk = Files.walk(munge)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String shortHostName() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("hostname", "-s").redirectErrorStream(true).start();
        String name = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return name;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
