package xtremweb.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import xtremweb.client.api.CertificateFiles;
import xtremweb.client.format.OutputFormat;

/** Options every command accepts, before or after its name. */
final class GlobalOptions {
    @Option(names = "--xwconfig", paramLabel = "FILE",
            description = "Configuration file (default: ~/.xtremweb/xwrc, then $XW_HOME/conf/xtremweb.client.conf).")
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

    /** A data's URI (xw://host/UID, https://...) or bare UID: what the manual's --xwcert took. */
    private static final Pattern NAMES_A_DATA = Pattern.compile(
            "^([A-Za-z][A-Za-z0-9+.-]*://|\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}$)");

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

    Path certificate;

    // The manual's xwsendwork --xwcert URI|UID attached a certificate or proxy to the job, for the worker
    // to act in the user's name. Here workers are untrusted volunteers' machines that never receive a
    // user's credentials: --xwcert only logs in. A URI or UID, the manual's form, was read as a file
    // name and refused as "does not exist" (exit 4), as if the certificate were the problem.
    @Option(names = "--xwcert", paramLabel = "FILE", description = "Log in with this certificate instead of a login and"
            + " password: usercert.pem (with --xwkey), a proxy file, or a PKCS#12 file (x509.cert in the configuration)."
            + " Unlike the manual's --xwcert URI|UID, no certificate goes with a job: workers never get your credentials.")
    void certificate(String file) {
        if (NAMES_A_DATA.matcher(file).find() && !Files.exists(Path.of(file))) {
            throw new ParameterException(mixee.commandLine(), "--xwcert takes the certificate FILE you log in with, not '"
                    + file + "': attaching a certificate or proxy to a job (the manual's --xwcert URI|UID) is not supported,"
                    + " since workers are volunteers' machines and never receive your credentials; leave --xwcert out, or"
                    + " give a certificate file to log in with it");
        }
        certificate = Path.of(file);
    }

    @Option(names = "--xwkey", paramLabel = "FILE", description = "The private key of --xwcert, when it is in a file of its own"
            + " (userkey.pem); an encrypted key's passphrase is asked on the terminal.")
    Path key;

    @Option(names = "--xwproxy", description = "Log in with your grid proxy: $X509_USER_PROXY, else /tmp/x509up_u<uid>"
            + " (x509.proxy=true in the configuration).")
    boolean proxy;

    // No -h: it would steal a common argument of submitted applications.
    @Option(names = {"--help", "--xwhelp"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    Optional<Duration> loopDelay() {
        return Optional.ofNullable(loopDelay);
    }

    /** The certificate chosen on the command line, if any; --xwkey without --xwcert, or both --xwcert and --xwproxy, are usage errors. */
    Optional<CertificateFiles> certificate() {
        if (key != null && certificate == null) {
            throw new ParameterException(mixee.commandLine(), "--xwkey needs --xwcert, the certificate of that key");
        }
        if (proxy && certificate != null) {
            throw new ParameterException(mixee.commandLine(), "give either --xwcert FILE or --xwproxy, not both");
        }
        if (certificate != null) {
            return Optional.of(new CertificateFiles(certificate, Optional.ofNullable(key)));
        }
        return proxy ? Optional.of(CertificateFiles.proxy()) : Optional.empty();
    }
}
