package xtremweb.server;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;

/**
 * A real server for the API contracts, as a grid just installed has it: HTTPS on a free port, the
 * database the contract's subclass names, the accounts it generated (read back from its credentials
 * file) and an app {@code true} the administrator inserted for Linux on x86_64. Each contract then
 * talks to it as clients and workers do, through {@link XwHttpClient}.
 */
public final class ApiServer implements AutoCloseable {
    /** The name of the app every contract's works run. */
    public static final String APP = "true";
    private final XtremWebServer server;
    private final Properties credentials = new Properties();

    private ApiServer(XtremWebServer server) {
        this.server = server;
    }

    /** Starts a server under {@code home} on {@code databaseKeys} (none: embedded H2), alive period 5 s. */
    public static ApiServer start(Path home, Map<String, String> databaseKeys) throws Exception {
        Map<String, String> keys = new HashMap<>(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12", "alive.period", "5"));
        keys.putAll(databaseKeys);
        ApiServer api = new ApiServer(XtremWebServer.start(ServerConfig.from(XwConfig.of(keys, "test", home))));
        try (InputStream in = Files.newInputStream(api.server.credentialsFile())) {
            api.credentials.load(in);
        }
        api.insertApp(home);
        return api;
    }

    private void insertApp(Path home) throws Exception {
        XwHttpClient admin = loggedIn("admin");
        byte[] binary = "#!/bin/sh\ntrue\n".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(binary));
        DataView data = admin.post("/api/v1/datas", new DataCreate("true.sh", null, null, null, (long) binary.length, sha, null),
                DataView.class);
        admin.upload("/api/v1/datas/" + data.uid() + "/content", Files.write(home.resolve("true.sh"), binary), Map.of(), DataView.class);
        admin.post("/api/v1/apps", new AppCreate(APP, "x86_64", "Linux", data.uid()), AppView.class);
    }

    public XtremWebServer server() {
        return server;
    }

    /** A client that trusts this server's certificate and holds no token yet. */
    public XwHttpClient client() {
        return new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()),
                PinnedTrust.readPem(Path.of(credentials.getProperty("server.certificate"))));
    }

    /** Logged in as one of the accounts the server generated: {@code admin} or {@code worker}. */
    public XwHttpClient loggedIn(String account) {
        return loggedIn(credentials.getProperty(account + ".login"), credentials.getProperty(account + ".password"));
    }

    public XwHttpClient loggedIn(String login, String password) {
        XwHttpClient client = client();
        client.token(client.post("/api/v1/login", new LoginRequest(login, password), TokenResponse.class).token());
        return client;
    }

    /** A new token of a generated account, for a test that makes its own HTTP requests. */
    public String token(String account) {
        return client().post("/api/v1/login", new LoginRequest(credentials.getProperty(account + ".login"),
                credentials.getProperty(account + ".password")), TokenResponse.class).token();
    }

    /** A client calling as the host {@code credential} names, with its host token. */
    public XwHttpClient host(HostCredential credential) {
        XwHttpClient client = client();
        client.token(credential.hostToken());
        return client;
    }

    /** A new host registered with the shared worker account (Linux, amd64, {@code cpus} CPUs). */
    public HostCredential register(String name, int cpus) {
        return loggedIn("worker").post("/api/v1/worker/register",
                new HostRegistration(null, name, "linux", "amd64", cpus, 1L << 30, "21"), HostCredential.class);
    }

    @Override
    public void close() {
        server.close();
    }
}
