package xtremweb.benchmark.dispatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the machine's CPU goes during a phase: the server's JVM, MariaDB's process (when it runs on
 * this machine), this benchmark's JVM (the simulated workers, submitters and fetchers) and the whole
 * machine (every process, other sessions' too). The benchmark shares two cores with what it drives,
 * so the jobs/s it measures is the rate of all of them together; this split says what the server and
 * its database alone cost per job.
 */
final class CpuSplit {
    /** What {@link #perJob} gives, in its order. */
    static final String PARTS = "server / MariaDB / simulated clients (this JVM) / whole machine";
    private final ServerProcess server;
    private final Optional<Long> mariaDb;
    private final double server0;
    private final double mariaDb0;
    private final double self0;
    private final double machine0;

    private CpuSplit(ServerProcess server, Optional<Long> mariaDb) throws IOException {
        this.server = server;
        this.mariaDb = mariaDb;
        this.server0 = server.cpuSeconds();
        this.mariaDb0 = mariaDb.map(CpuSplit::seconds).orElse(0.0);
        this.self0 = seconds(ProcessHandle.current().pid());
        this.machine0 = machineBusySeconds();
    }

    /** Starts counting now; {@code db} says whether MariaDB's process is part of the grid measured. */
    static CpuSplit start(ServerProcess server, String db) throws IOException {
        return new CpuSplit(server, db.equals("mariadb") ? mariaDbPid() : Optional.empty());
    }

    /** The server JVM's CPU seconds since the start. */
    double server() throws IOException {
        return server.cpuSeconds() - server0;
    }

    /** Milliseconds of CPU per job since the start, in the order of {@link #PARTS}. */
    String perJob(int jobs) throws IOException {
        double s = server();
        double m = mariaDb.map(CpuSplit::seconds).orElse(0.0) - mariaDb0;
        double b = seconds(ProcessHandle.current().pid()) - self0;
        double all = machineBusySeconds() - machine0;
        return String.format("%.2f / %s / %.2f / %.2f ms",
                1000 * s / jobs, mariaDb.isPresent() ? String.format("%.2f", 1000 * m / jobs) : "-",
                1000 * b / jobs, 1000 * all / jobs);
    }

    /** utime + stime of a process, in seconds (0 when it is gone or unreadable). */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The CPU seconds every core spent on anything but idling and waiting on I/O, from /proc/stat. */
    private static double machineBusySeconds() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy / 100.0;
    }

    /** The local MariaDB (or MySQL) server's process, if one runs on this machine. */
    private static Optional<Long> mariaDbPid() throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            String comm = Files.readString(p.resolve("comm")).trim();
                            return comm.equals("mariadbd") || comm.equals("mysqld");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .findFirst();
        }
    }
}
