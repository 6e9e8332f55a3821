package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import xtremweb.client.api.XwClient;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;

class ExitCodesTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(ClientMain.Connector connector, String... args) {
        return ClientMain.commandLine(new ClientMain(connector, Optional::empty), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
    }

    private static ClientMain.Connector failingWith(RuntimeException error) {
        return config -> {
            throw error;
        };
    }

    @Test
    void aConfigurationFileNamedOnTheCommandLineThatIsNotThereIsAUsageErrorAsAMissingMacroFileIs(@TempDir Path dir) {
        Path missing = dir.resolve("nope.conf");
        ClientMain.Connector reading = config -> {
            xtremweb.client.api.ClientSettings.load(config, dir, xtremweb.client.api.ClientSettings.PasswordPrompt.none());
            throw new AssertionError("the configuration was read");
        };

        assertThat(run(reading, "xwworks", "--xwconfig", missing.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(missing.toString()).contains("--xwconfig");
    }

    @Test
    void notFoundMapsToThree() {
        assertThat(ExitCodes.of(new XwApiException(404, "work-not-found", "no such work"))).isEqualTo(3);
    }

    @Test
    void anExpectedHostThatIsNotRegisteredIsNotFoundAsAnyUnknownUid() {
        assertThat(ExitCodes.of(new XwApiException(422, "no-such-host", "expected host h is not registered"))).isEqualTo(3);
        assertThat(ExitCodes.of(new XwApiException(422, "no-binary", "app x has no binary"))).isEqualTo(1);
    }

    @Test
    void replicationOptionsThatCannotGoTogetherAreAUsageError() {
        assertThat(ExitCodes.of(new XwApiException(422, "replication-policy", "initialCopies (1) must be at least the quorum (2)")))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.of(new XwApiException(422, "unknown-comparator", "no result comparator named 'x'")))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.of(new XwApiException(422, "checksum-mismatch", "the result received has SHA-256 ...")))
                .isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void unauthenticatedAndForbiddenMapToFour() {
        assertThat(ExitCodes.of(new XwApiException(401, "unauthenticated", "x"))).isEqualTo(4);
        assertThat(ExitCodes.of(new XwApiException(403, "forbidden", "x"))).isEqualTo(4);
    }

    @Test
    void aLoginRefusedForTooManyFailuresIsALoginRefusedLikeAnyOther() {
        // README: 4 is "permission denied or login refused"; a script that branches on it must not
        // take a throttled login for a failure of the command itself.
        assertThat(ExitCodes.of(new XwApiException(429, "too-many-attempts",
                "too many failed logins for this login; try again in 4 s"))).isEqualTo(ExitCodes.DENIED);
    }

    @Test
    void bytesAnotherPartySentCannotDriveTheTerminal() {
        // what `xwsendwork --xwstdin http://host:4325/` printed against an HTTPS port: TLS bytes,
        // and a hostile server could send an escape sequence (clear screen, retitle the window...)
        String sentence = ExitCodes.message(new java.io.UncheckedIOException("cannot read http://h/: parsing HTTP/1.1"
                + " status line, receiving [\u0015\u0003\u0003\u0000\u0002\u0002P\u001b[2J\u009b]", new java.io.IOException()));
        assertThat(sentence).isEqualTo("cannot read http://h/: parsing HTTP/1.1 status line, receiving"
                + " [\\x15\\x03\\x03\\x00\\x02\\x02P\\x1b[2J\\x9b]");
        assertThat(ExitCodes.message(new XwApiException(400, "bad-request", "line one\nline\ttwo")))
                .isEqualTo("line one\nline\ttwo");
    }

    @Test
    void unreachableServerMapsToFive() {
        assertThat(ExitCodes.of(new XwConnectException("cannot connect", new ConnectException()))).isEqualTo(5);
    }

    @Test
    void usageErrorMapsToTwo() {
        CommandLine line = ClientMain.commandLine(new ClientMain());
        assertThat(ExitCodes.of(new CommandLine.ParameterException(line, "bad"))).isEqualTo(2);
        assertThat(run(failingWith(new IllegalStateException("not connected in a usage error")), "xwworks", "--xwformat", "yaml"))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("xtremweb.client: ").contains("--xwformat");
    }

    @Test
    void refusedLoginIsOneSentenceWithExitFourAndNoStackTrace() {
        int exit = run(failingWith(new XwApiException(401, "unauthenticated",
                "login refused for 'bob': wrong login or password")), "xwping");

        assertThat(exit).isEqualTo(4);
        assertThat(err.toString()).isEqualTo("xtremweb.client: login refused for 'bob': wrong login or password"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownAppShowsTheServersDetailWithExitThree() {
        int exit = run(failingWith(new XwApiException(404, "app-not-found",
                "app 'x' is not installed; list apps with xwapps")), "xwsendwork", "x");

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains("xtremweb.client: app 'x' is not installed; list apps with xwapps");
    }

    @Test
    void verboseAddsTheStackTrace() {
        int exit = run(failingWith(new XwConnectException("cannot connect to the server", new ConnectException())),
                "xwworks", "--xwverbose");

        assertThat(exit).isEqualTo(5);
        assertThat(err.toString()).contains("xtremweb.client: cannot connect to the server").contains("\tat ");
    }

    @Test
    void commandWithoutSubcommandIsAUsageError() {
        assertThat(run(failingWith(new IllegalStateException()))).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: xtremweb.client");
    }

    @Test
    void unexpectedBugsSayToRunVerbose() {
        assertThat(run(config -> (XwClient) null, "xwapps")).isEqualTo(1);
        assertThat(err.toString()).contains("--xwverbose").doesNotContain("\tat ");
    }
}
