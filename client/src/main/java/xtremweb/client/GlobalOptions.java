package xtremweb.client;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
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

    // No -h: it would steal a common argument of submitted applications.
    @Option(names = {"--help", "--xwhelp"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    Optional<Path> config() {
        return Optional.ofNullable(config);
    }
}
