package xtremweb.worker.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process to start: the binary with its argument vector exactly as the user submitted it, the
 * scratch directory it runs in, the file its stdin reads, the XW_* variables and the wall-clock limit.
 */
public record JobSpec(Path binary, List<String> args, Path scratch, Path stdin, Map<String, String> xwVariables,
                      Duration timeout) {
    public JobSpec {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(scratch, "scratch");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(timeout, "timeout");
        args = List.copyOf(args);
        xwVariables = Map.copyOf(xwVariables);
    }
}
