package xtremweb.gui.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import xtremweb.client.api.ClientSettings;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;
import xtremweb.gui.prefs.UserPrefs;

/**
 * The login dialog's values: server ({@code host} or {@code host:port}), the server's certificate
 * (pinned), login and password. Prefilled from the client configuration the command line uses
 * ({@code --xwconfig FILE}, {@code ~/.xtremweb/xwrc}, {@code conf/xtremweb.client.conf}), else from
 * what was typed last time (never a password: that comes from the configuration or the user).
 */
public record LoginForm(String server, String certFile, String login, String password, String source) {
    @Override
    public String toString() {
        return "LoginForm[server=" + server + ", certFile=" + certFile + ", login=" + login + ", password=***]";
    }

    /** The values to start from, and {@code note}: why the configuration could not be used, if it could not. */
    public record Prefill(LoginForm form, Optional<String> note) {
    }

    public static Prefill prefill(Optional<Path> explicit, UserPrefs prefs) {
        XwConfig config;
        try {
            config = ClientSettings.locate(explicit, ClientSettings.installDir());
        } catch (ConfigException e) {
            LoginForm remembered = new LoginForm(prefs.lastLogin("server").orElse(""), prefs.lastLogin("certFile").orElse(""),
                    prefs.lastLogin("login").orElse(""), "", ClientSettings.LOGIN_DIALOG);
            return new Prefill(remembered, explicit.isPresent() ? Optional.of(e.getMessage()) : Optional.empty());
        }
        try {
            // The configuration the command line would use, whole: its password too, when it has one.
            ClientSettings settings = ClientSettings.from(config, (login, host) -> Optional.of(""));
            String server = settings.port() == ClientSettings.DEFAULT_PORT ? settings.host() : settings.host() + ":" + settings.port();
            return new Prefill(new LoginForm(server, settings.certFile().toString(), settings.login(), settings.password(),
                    config.source()), Optional.empty());
        } catch (ConfigException e) {
            // Half a configuration still fills what it has.
            String host = config.optional("dispatcher.servers").map(s -> s.split("[,\\s]+")[0]).orElse("");
            String port = config.optional("port.https").map(p -> ":" + p).orElse("");
            return new Prefill(new LoginForm(host.isEmpty() ? "" : host + port,
                    config.optionalPath("path.certfile").map(Path::toString).orElse(""), config.optional("login").orElse(""), "",
                    config.source()), Optional.of(e.getMessage()));
        }
    }

    /** Settings the client library connects with; a field that cannot be used is an IllegalArgumentException naming it. */
    public ClientSettings settings() {
        String s = server.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("type the server's name (or host:port)");
        }
        String host = s;
        int port = ClientSettings.DEFAULT_PORT;
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(':') == colon) {
            host = s.substring(0, colon);
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the port after ':' in '" + s + "' must be a number from 1 to 65535");
            }
        }
        if (certFile.isBlank() || !Files.isReadable(Path.of(certFile.trim()))) {
            throw new IllegalArgumentException(certFile.isBlank()
                    ? "choose the server's certificate (its xwserver.pem, from the server's administrator)"
                    : "cannot read the certificate file " + certFile.trim());
        }
        if (login.isBlank()) {
            throw new IllegalArgumentException("type your login");
        }
        // What was typed is what is used, wherever it was prefilled from: messages name the dialog's fields.
        return new ClientSettings(host, port, Path.of(certFile.trim()), login.trim(), password, ClientSettings.LOGIN_DIALOG);
    }
}
