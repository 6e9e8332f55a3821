package xtremweb.worker.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import xtremweb.common.http.XwHttpClient;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.common.config.ConfigException;
import xtremweb.common.config.KnownKeys;
import xtremweb.common.config.XwConfig;
import xtremweb.worker.activator.ActivatorSettings;

/**
 * Every key the worker honours, parsed and checked once; afterwards nothing reads the file again.
 * The defaults are the ones written in the shipped {@code conf/xtremweb.worker.conf}. Unknown keys
 * are reported, and misspelt guarded ones refuse the start ({@link KnownKeys#WORKER}).
 *
 * @param hostName {@code host.name}: the name the host is listed under (xwworkers, xwtasks); the
 *                 machine's name by default. Several workers on one machine set their own.
 * @param privateAddresses {@code data.privateaddresses}: inputs living on a web server may be fetched
 *                 from private addresses (loopback, link-local, LAN); false by default, so that a
 *                 user's URI cannot probe the volunteer's network.
 */
public record WorkerConfig(String serverHost, int serverPort, Path certFile, String login, String password,
                           Path home, Path tmpDir, int poolSize, Duration jobTimeout, ActivatorSettings activator,
                           Execution execution, String hostName, Optional<HostCertificate> hostCertificate,
                           boolean privateAddresses, Optional<Path> passwordFile) {
    /**
     * A host certificate the worker logs in with instead of a login and password: {@code x509.cert}
     * (the certificate, or a proxy file holding its key) and {@code x509.key} (its unencrypted key,
     * when in a file of its own, like {@code /etc/grid-security/hostkey.pem}).
     */
    public record HostCertificate(Path certificate, Optional<Path> key) {
    }

    public WorkerConfig(String serverHost, int serverPort, Path certFile, String login, String password, Path home, Path tmpDir,
                        int poolSize, Duration jobTimeout, ActivatorSettings activator, Execution execution, String hostName) {
        this(serverHost, serverPort, certFile, login, password, home, tmpDir, poolSize, jobTimeout, activator, execution, hostName,
                Optional.empty(), false, Optional.empty());
    }

    /**
     * How jobs run: {@code sandbox.enable} (bubblewrap when installed), {@code sandbox.network},
     * {@code job.memory.max} and {@code job.file.max} in MiB (0 = no limit), {@code sandbox.reuse}
     * (one sandbox kept for the jobs of one owner, one after another).
     */
    public record Execution(boolean sandbox, boolean network, long memoryBytes, long fileBytes, boolean reuse) {
        public Execution(boolean sandbox, boolean network, long memoryBytes, long fileBytes) {
            this(sandbox, network, memoryBytes, fileBytes, true);
        }

        public static Execution defaults() {
            return new Execution(true, false, 0, 0, true);
        }
    }

    public static final int DEFAULT_PORT_HTTPS = 4325;
    public static final String DEFAULT_HOME = xtremweb.common.volunteer.LocalChannel.DEFAULT_WORKER_HOME;
    public static final int DEFAULT_JOB_TIMEOUT_SECONDS = 86_400;
    public static final String DEFAULT_ACTIVATOR = "xtremweb.worker.AlwaysActive";
    /** The server's column for host names. */
    public static final int MAX_HOST_NAME = 255;
    private static final Logger LOG = LoggerFactory.getLogger(WorkerConfig.class);

    public WorkerConfig {
        Objects.requireNonNull(serverHost, "serverHost");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(tmpDir, "tmpDir");
        Objects.requireNonNull(jobTimeout, "jobTimeout");
        Objects.requireNonNull(activator, "activator");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(hostName, "hostName");
        hostCertificate = hostCertificate == null ? Optional.empty() : hostCertificate;
        passwordFile = passwordFile == null ? Optional.empty() : passwordFile;
    }

    /**
     * A warning if any user of this machine may read {@code password.file}: with the password of
     * the worker's account, anyone could log in as this worker and send results in its name. Warned,
     * not refused: a group-readable file is how the .deb shares it with the service's user. (A host
     * key or proxy others may read is refused when read; a host certificate is public.)
     */
    public List<String> exposedSecrets() {
        List<String> warnings = new java.util.ArrayList<>();
        for (Path file : passwordFile.stream().toList()) {
            try {
                var permissions = Files.getPosixFilePermissions(file);
                if (permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
                    warnings.add("the credential file " + file + " may be read by every user of this machine, who could then"
                            + " log in as this worker; make it private: chmod o-rwx " + file);
                }
            } catch (UnsupportedOperationException | IOException e) {
                // not a POSIX file system, or the file went away since it was read: nothing to say
            }
        }
        return warnings;
    }

    /**
     * The files holding this worker's credentials ({@code password.file}, {@code x509.cert},
     * {@code x509.key}): jobs must never read them, even where the sandbox shows the system
     * directory they lie in (a host key in /etc/grid-security).
     */
    public List<Path> secretFiles() {
        List<Path> files = new java.util.ArrayList<>();
        passwordFile.ifPresent(files::add);
        hostCertificate.ifPresent(c -> {
            files.add(c.certificate());
            c.key().ifPresent(files::add);
        });
        return List.copyOf(files);
    }

    /** Reads and validates every key; a {@link ConfigException} names the key and the file to fix. */
    /** The servers to call, in order: {@code serverHost} holds {@code dispatcher.servers} as written. */
    public List<java.net.URI> servers() {
        return XwHttpClient.serverUris(serverHost, serverPort);
    }

    private static List<java.net.URI> servers(String servers, int port, XwConfig conf) {
        try {
            return XwHttpClient.serverUris(servers, port);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("key 'dispatcher.servers' in " + conf.source() + ": " + e.getMessage(), e);
        }
    }

    public static WorkerConfig from(XwConfig conf) {
        WorkerConfig parsed = parse(conf);
        KnownKeys.WORKER.check(conf).forEach(LOG::warn);
        return parsed;
    }

    private static WorkerConfig parse(XwConfig conf) {
        // Every server of the list (the worker moves to the next when one fails), as written.
        String host = XwHttpClient.serverList(conf.required("dispatcher.servers"));
        int port = conf.integer("port.https", DEFAULT_PORT_HTTPS, 1, 65_535);
        servers(host, port, conf);

        Path cert = conf.optionalPath("path.certfile").orElseThrow(() -> conf.missing("path.certfile", "; it must name the server's certificate (PEM)"));
        if (!Files.isReadable(cert)) {
            throw new ConfigException("the server certificate " + cert + " (key 'path.certfile' in " + conf.source()
                    + ") does not exist or is not readable; copy the server's xwserver.pem there");
        }

        Optional<HostCertificate> hostCertificate = hostCertificate(conf);
        // With a host certificate, the server names the account: no login or password here.
        String login = hostCertificate.isPresent() ? conf.string("login", "") : conf.required("login");
        String password = hostCertificate.isPresent() ? "" : password(conf);
        Optional<Path> passwordFile = hostCertificate.isPresent() || conf.optional("password").isPresent()
                ? Optional.empty() : conf.optionalPath("password.file");

        Path home = conf.path("path.home", DEFAULT_HOME);
        Path tmp = conf.optionalPath("path.tmpdir").orElse(Path.of(System.getProperty("java.io.tmpdir")));
        int pool = conf.integer("workpool.size", Runtime.getRuntime().availableProcessors(), 1, 1024);
        int timeout = conf.integer("job.timeout", DEFAULT_JOB_TIMEOUT_SECONDS, 1, Integer.MAX_VALUE);

        ActivatorSettings activator = ActivatorSettings.from(conf);
        Execution execution = new Execution(conf.bool("sandbox.enable", true), conf.bool("sandbox.network", false),
                (long) conf.integer("job.memory.max", 0, 0, Integer.MAX_VALUE) << 20,
                (long) conf.integer("job.file.max", 0, 0, Integer.MAX_VALUE) << 20, conf.bool("sandbox.reuse", true));
        return new WorkerConfig(host, port, cert, login, password, home, tmp, pool, Duration.ofSeconds(timeout), activator,
                execution, hostName(conf), hostCertificate, conf.bool("data.privateaddresses", false), passwordFile);
    }

    private static String hostName(XwConfig conf) {
        String name = conf.optional("host.name").orElseGet(WorkerConfig::machineName);
        if (name.length() > MAX_HOST_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new ConfigException("key 'host.name' in " + conf.source() + " must be at most " + MAX_HOST_NAME
                    + " printable characters");
        }
        return name;
    }

    /** This machine's host name, as the network knows it. */
    static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown-host" : env;
        }
    }

    private static Optional<HostCertificate> hostCertificate(XwConfig conf) {
        Optional<Path> certificate = conf.optionalPath("x509.cert");
        Optional<Path> key = conf.optionalPath("x509.key");
        if (key.isPresent() && certificate.isEmpty()) {
            throw new ConfigException("key 'x509.key' in " + conf.source() + " needs 'x509.cert', the host certificate of that key");
        }
        for (Path file : key.isPresent() ? List.of(certificate.get(), key.get()) : certificate.stream().toList()) {
            if (!Files.isReadable(file)) {
                throw new ConfigException("the host certificate file " + file + " (key 'x509.cert' or 'x509.key' in " + conf.source()
                        + ") does not exist or is not readable by this user");
            }
        }
        return certificate.map(c -> new HostCertificate(c, key));
    }

    private static String password(XwConfig conf) {
        var inline = conf.optional("password");
        if (inline.isPresent()) {
            return inline.get();
        }
        Path file = conf.optionalPath("password.file").orElseThrow(() -> new ConfigException(
                "neither 'password' nor 'password.file' is set in " + conf.source() + "; the worker needs the password of login '"
                        + conf.string("login", "?") + "'"));
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new ConfigException("the password file " + file + " (key 'password.file' in " + conf.source() + ") is empty");
            }
            return lines.get(0);
        } catch (IOException e) {
            throw new ConfigException("cannot read the password file " + file + " (key 'password.file' in " + conf.source()
                    + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "WorkerConfig[server=" + serverHost + ":" + serverPort + ", login=" + login + ", password=***"
                + hostCertificate.map(c -> ", certificate=" + c.certificate()).orElse("") + ", home=" + home
                + ", tmpDir=" + tmpDir + ", poolSize=" + poolSize + ", jobTimeout=" + jobTimeout.toSeconds() + "s, activator="
                + activator + ", " + execution + ", hostName=" + hostName + ", privateAddresses=" + privateAddresses + "]";
    }
}
