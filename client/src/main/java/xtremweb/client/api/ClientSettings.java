package xtremweb.client.api;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.KnownKeys;
import xtremweb.common.config.XwConfig;

/**
 * What a client needs to reach its server, read and checked once from the client configuration:
 * {@code dispatcher.servers} (the first one), {@code port.https}, {@code path.certfile}, {@code login}
 * and {@code password} or {@code password.file}; or, instead of the login and password, a
 * {@code certificate} to log in with ({@code x509.cert} and {@code x509.key}, or {@code x509.proxy}).
 * Other keys of the worker's file are accepted (the manual makes the two files one); any other key
 * is reported on stderr with the closest known key.
 */
public record ClientSettings(String host, int port, Path certFile, String login, String password, String source,
                             Optional<CertificateFiles> certificate) {
    public static final String CONF_NAME = "xtremweb.client.conf";
    public static final String HOME_NAME = "xwrc";
    public static final int DEFAULT_PORT = 4325;
    /**
     * The {@link #source} of settings typed into the graphical client's Log in dialog: messages
     * then name its fields, not configuration keys of a file the values did not come from.
     */
    public static final String LOGIN_DIALOG = "the Log in dialog";
    private static final Logger LOG = LoggerFactory.getLogger(ClientSettings.class);

    /** Asks for the password when none is configured; empty when nobody can be asked. */
    @FunctionalInterface
    public interface PasswordPrompt {
        Optional<String> ask(String login, String host);

        /** Asks on the terminal without echo; empty when there is no terminal. */
        static PasswordPrompt console() {
            return (login, host) -> {
                Console console = System.console();
                if (console == null) {
                    return Optional.empty();
                }
                char[] typed = console.readPassword("password for %s at %s: ", login, host);
                return typed == null ? Optional.empty() : Optional.of(new String(typed));
            };
        }

        static PasswordPrompt none() {
            return (login, host) -> Optional.empty();
        }
    }

    public ClientSettings {
        certificate = certificate == null ? Optional.empty() : certificate;
        if (password == null && certificate.isEmpty()) {
            throw new IllegalArgumentException("password is required");
        }
    }

    /** Settings for a login and password. */
    public ClientSettings(String host, int port, Path certFile, String login, String password, String source) {
        this(host, port, certFile, login, password, source, Optional.empty());
    }

    /** Whether these settings were typed into the Log in dialog rather than read from a configuration file. */
    public boolean fromLoginDialog() {
        return LOGIN_DIALOG.equals(source);
    }

    /** The same server, logging in with this certificate instead of a password. */
    public ClientSettings withCertificate(CertificateFiles files) {
        return new ClientSettings(host, port, certFile, login, password, source, Optional.of(files));
    }

    /** The installation directory: {@code $XW_HOME}, else the {@code xw.home} system property, else the current one. */
    public static Path installDir() {
        String env = System.getenv("XW_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String property = System.getProperty("xw.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return Path.of("").toAbsolutePath();
    }

    /** Finds the configuration ({@code --xwconfig}, {@code ~/.xtremweb/xwrc}, {@code conf/}) and reads it. */
    public static ClientSettings load(Optional<Path> explicit, Path installDir, PasswordPrompt prompt) {
        return load(explicit, installDir, prompt, Optional.empty());
    }

    /**
     * The client's configuration file: {@code --xwconfig FILE}, else the user's own
     * {@code ~/.xtremweb/xwrc} (the manual: without --xwconfig "the script looks whether a
     * $HOME/.xtremweb/xwrc file exists"), else the installation's {@code conf/xtremweb.client.conf}.
     * The installation's file came first, and every installation ships one: a user's xwrc was never
     * read, and its owner was asked the password of the shipped file's login.
     */
    public static XwConfig locate(Optional<Path> explicit, Path installDir) {
        if (explicit.isEmpty()) {
            Path own = Path.of(System.getProperty("user.home"), ".xtremweb", HOME_NAME);
            if (Files.isReadable(own)) {
                return XwConfig.read(own, installDir);
            }
        }
        return XwConfig.locate(explicit, installDir, CONF_NAME, HOME_NAME);
    }

    /** The same, logging in with {@code certificate} (chosen on the command line) when given, whatever the file says. */
    public static ClientSettings load(Optional<Path> explicit, Path installDir, PasswordPrompt prompt,
                                      Optional<CertificateFiles> certificate) {
        requireReadable(explicit);
        XwConfig config = locate(explicit, installDir);
        try {
            return from(config, prompt, certificate);
        } catch (ConfigException e) {
            throw DemoConfiguration.pointedTo(e, explicit, installDir, config.source());
        }
    }

    /**
     * A {@code --xwconfig FILE} that is not there is a mistake on the command line, a usage error (2)
     * as a missing macro or parameter file is; a configuration file that says something wrong stays a
     * failure (1).
     */
    private static void requireReadable(Optional<Path> explicit) {
        if (explicit.isPresent() && !java.nio.file.Files.isReadable(explicit.get())) {
            throw new IllegalArgumentException("configuration file " + explicit.get()
                    + " (given with --xwconfig) does not exist or is not readable");
        }
    }

    public static ClientSettings from(XwConfig config, PasswordPrompt prompt) {
        return from(config, prompt, Optional.empty());
    }

    /**
     * Reads the configuration; with a certificate (given, or configured by {@code x509.*}) neither
     * login nor password is needed and no password is asked.
     */
    public static ClientSettings from(XwConfig config, PasswordPrompt prompt, Optional<CertificateFiles> given) {
        String servers = config.required("dispatcher.servers");
        // Every server of the list, as written: the client moves to the next when one fails.
        String host = XwHttpClient.serverList(servers);
        int port = config.integer("port.https", DEFAULT_PORT, 1, 65535);
        try {
            XwHttpClient.serverUris(host, port);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("key 'dispatcher.servers' in " + config.source() + ": " + e.getMessage(), e);
        }
        Path certFile = config.optionalPath("path.certfile").orElseThrow(() -> config.missing("path.certfile", "; set it to the server's certificate (PEM)"));
        if (!Files.isReadable(certFile)) {
            throw new ConfigException("key 'path.certfile' in " + config.source() + " names " + certFile
                    + ", which does not exist or is not readable");
        }
        Optional<CertificateFiles> certificate = given.isPresent() ? given : CertificateFiles.configured(config);
        if (certificate.isPresent()) {
            KnownKeys.CLIENT.check(config).forEach(LOG::warn);
            return new ClientSettings(host, port, certFile, config.string("login", ""), config.string("password", ""),
                    config.source(), certificate);
        }
        String login = config.required("login");
        // before a password prompt, so that a misspelt 'password' key is explained first
        KnownKeys.CLIENT.check(config).forEach(LOG::warn);
        String password = config.optional("password")
                .or(() -> config.optionalPath("password.file").map(file -> firstLine(file, config.source())))
                .or(() -> prompt.ask(login, host.split(" ")[0]))
                .orElseThrow(() -> new ConfigException("no password for '" + login + "': set 'password' or 'password.file' in "
                        + config.source() + ", or run from a terminal to be asked"));
        return new ClientSettings(host, port, certFile, login, password, config.source());
    }

    /** The first line of a password file, without its line end. */
    static String firstLine(Path file, String source) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null || line.isEmpty()) {
                throw new ConfigException("the password file " + file + " (key 'password.file' in " + source + ") is empty");
            }
            return line;
        } catch (IOException e) {
            throw new ConfigException("cannot read the password file " + file + " (key 'password.file' in " + source + "): "
                    + IoReasons.of(e), e);
        }
    }

    @Override
    public String toString() {
        return "ClientSettings[host=" + host + ", port=" + port + ", certFile=" + certFile + ", login=" + login
                + ", password=***, source=" + source + certificate.map(c -> ", certificate=" + c.certificate()).orElse("") + "]";
    }
}
