package xtremweb.gui.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.client.api.ClientSettings;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.gui.prefs.UserPrefs;

class LoginFormTest {
    @TempDir
    Path tmp;

    @Test
    void theServerFieldTakesAHostWithOrWithoutItsPort() throws Exception {
        Path pem = Files.writeString(tmp.resolve("server.pem"), "not read here");
        ClientSettings plain = new LoginForm("grid.example.org", pem.toString(), "alice", "pw", "test").settings();
        assertThat(plain.host()).isEqualTo("grid.example.org");
        assertThat(plain.port()).isEqualTo(ClientSettings.DEFAULT_PORT);
        ClientSettings withPort = new LoginForm(" grid.example.org:4400 ", pem.toString(), "alice", "pw", "test").settings();
        assertThat(withPort.port()).isEqualTo(4400);
        assertThatThrownBy(() -> new LoginForm("grid:99999", pem.toString(), "alice", "pw", "test").settings())
                .hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> new LoginForm("grid", tmp.resolve("none.pem").toString(), "alice", "pw", "test").settings())
                .hasMessageContaining("cannot read the certificate file");
        assertThatThrownBy(() -> new LoginForm("grid", pem.toString(), " ", "pw", "test").settings())
                .hasMessageContaining("login");
    }

    @Test
    void whatIsTypedInTheDialogIsExplainedAsTheDialogsEvenWhenPrefilledFromAFile() throws Exception {
        Path pem = Files.writeString(tmp.resolve("server.pem"), "pem");
        ClientSettings typed = new LoginForm("localhost:1", pem.toString(), "alice", "pw", "/home/alice/.xtremweb/xwrc").settings();
        assertThat(typed.source()).isEqualTo(ClientSettings.LOGIN_DIALOG);
        assertThat(typed.fromLoginDialog()).isTrue();
    }

    @Test
    void theDialogIsFilledFromTheClientConfigurationPasswordFileIncluded() throws Exception {
        Path pem = Files.writeString(tmp.resolve("server.pem"), "pem");
        Path password = Files.writeString(tmp.resolve("password"), "s3cret-word\n");
        Path config = Files.writeString(tmp.resolve("xwrc"), "dispatcher.servers: grid.example.org\nport.https: 4400\n"
                + "path.certfile: " + pem + "\nlogin: alice\npassword.file: " + password + "\n");
        LoginForm.Prefill prefill = LoginForm.prefill(Optional.of(config), prefs());
        assertThat(prefill.note()).isEmpty();
        assertThat(prefill.form()).isEqualTo(new LoginForm("grid.example.org:4400", pem.toString(), "alice", "s3cret-word",
                config.toString()));
        assertThat(prefill.form().toString()).doesNotContain("s3cret");
    }

    @Test
    void halfAConfigurationFillsWhatItHasAndSaysWhatIsMissing() throws Exception {
        Path config = Files.writeString(tmp.resolve("xwrc"), "dispatcher.servers: grid.example.org\nlogin: alice\n");
        LoginForm.Prefill prefill = LoginForm.prefill(Optional.of(config), prefs());
        assertThat(prefill.form().server()).isEqualTo("grid.example.org");
        assertThat(prefill.form().login()).isEqualTo("alice");
        assertThat(prefill.note()).hasValueSatisfying(note -> assertThat(note).contains("path.certfile"));
    }

    @Test
    void eachWayALoginFailsHasItsOwnDialog() {
        assertThat(LoginFailure.of(new XwConnectException(XwConnectException.Reason.REFUSED, "nothing answers", null)))
                .isEqualTo(LoginFailure.NO_ANSWER);
        assertThat(LoginFailure.of(new XwConnectException(XwConnectException.Reason.UNKNOWN_HOST, "no such name", null)))
                .isEqualTo(LoginFailure.NO_ANSWER);
        assertThat(LoginFailure.of(new XwConnectException(XwConnectException.Reason.CERTIFICATE, "other server", null)))
                .isEqualTo(LoginFailure.CERTIFICATE);
        assertThat(LoginFailure.of(new XwApiException(401, "unauthenticated", "login refused"))).isEqualTo(LoginFailure.REFUSED);
        assertThat(LoginFailure.of(new XwApiException(429, "too-many-attempts", "wait"))).isEqualTo(LoginFailure.REFUSED);
        assertThat(LoginFailure.values()).extracting(LoginFailure::title).doesNotHaveDuplicates();
    }

    private UserPrefs prefs() {
        return new UserPrefs(Preferences.userRoot().node("xtremweb-gui-unit/" + UUID.randomUUID()));
    }
}
