package xtremweb.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import xtremweb.client.format.OutputFormat;

/** Options every command accepts, before or after its name. */
final class GlobalOptions {
    @Option(names = "--xwconfig", paramLabel = "FILE",
            description = "Configuration file (default: $XW_HOME/conf/xtremweb.client.conf, then ~/.xtremweb/xwrc).")
    Path config;

    @Option(names = "--xwverbose", description = "Show stack traces on errors.")
    boolean verbose;

    // The manual's least verbose mode is this client's default: accepted so old scripts keep working.
    @Option(names = "--xwnoverbose", description = "Least verbose output (the default).")
    boolean noVerbose;

    @Option(names = "--xwformat", paramLabel = "FORMAT", defaultValue = "text",
            description = "Listings as text (a table for people) or xml, html, csv, json (complete, for programs).")
    OutputFormat format = OutputFormat.TEXT;

    // Read by ClientMain before the command runs, so that it works with every command and alone.
    @Option(names = "--xwclean", description = "Clean the client cache first: the partial downloads (*.part) that"
            + " interrupted xwdownload and xwresult runs left here (or in --xwout DIR).")
    boolean clean;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private Duration loopDelay;

    // The manual's "client time out": how long a waiting client (xwresult --xwwait) sleeps between polls.
    @Option(names = "--xwclientloopdelay", paramLabel = "MS",
            description = "Milliseconds between two polls of the server while waiting (default: 1000).")
    void loopDelay(long millis) {
        if (millis < 0) {
            throw new ParameterException(mixee.commandLine(),
                    "--xwclientloopdelay must be zero or more milliseconds, not " + millis);
        }
        loopDelay = Duration.ofMillis(millis);
    }

    // No -h: it would steal a common argument of submitted applications.
    @Option(names = {"--help", "--xwhelp"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    Optional<Duration> loopDelay() {
        return Optional.ofNullable(loopDelay);
    }
}
