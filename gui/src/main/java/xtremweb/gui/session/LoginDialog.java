package xtremweb.gui.session;

import java.awt.BorderLayout;
import java.awt.Window;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import javax.swing.filechooser.FileNameExtensionFilter;
import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import xtremweb.client.api.ClientSettings;
import xtremweb.client.api.XwClient;
import xtremweb.common.wire.UserView;
import xtremweb.gui.background.Background;
import xtremweb.gui.background.Problems;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.frame.Form;
import xtremweb.gui.look.Tone;
import xtremweb.gui.prefs.UserPrefs;

/**
 * The manual's "Login as..." dialog: server, login and password (and the server's certificate,
 * which this client pins). Logging in runs off the event thread; a failure opens its own dialog
 * (no answer, wrong certificate, refused) and leaves this one open to correct a field.
 */
public final class LoginDialog extends JDialog {
    private final JTextField server = new JTextField(24);
    private final JTextField certFile = new JTextField(24);
    private final JTextField login = new JTextField(24);
    private final JPasswordField password = new JPasswordField(24);
    private final JButton ok = new JButton("Log in");
    private final JLabel busy = new JLabel(" ");
    private final Background background;
    private final UserPrefs prefs;
    private final String source;
    private final Consumer<Session> loggedIn;

    public LoginDialog(Window owner, LoginForm.Prefill prefill, Background background, UserPrefs prefs,
                       Consumer<Session> loggedIn) {
        super(owner, "Log in as...", ModalityType.APPLICATION_MODAL);
        this.background = background;
        this.prefs = prefs;
        this.source = prefill.form().source();
        this.loggedIn = loggedIn;
        setName("login");
        server.setName("login.server");
        certFile.setName("login.certFile");
        login.setName("login.login");
        password.setName("login.password");
        ok.setName("login.ok");
        busy.setName("login.busy");
        server.setText(prefill.form().server());
        certFile.setText(prefill.form().certFile());
        login.setText(prefill.form().login());
        password.setText(prefill.form().password());
        server.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "grid.example.org or host:port");
        password.putClientProperty(FlatClientProperties.STYLE, "showRevealButton: false");

        Form form = new Form();
        prefill.note().ifPresent(note -> {
            JLabel text = new JLabel("<html><body style='width: " + UIScale.scale(320) + "px'>" + escape(note) + "</body></html>");
            text.setName("login.note");
            text.setForeground(Tone.WAITING.colour());
            form.wide(text, false);
        });
        form.add("&Server", server, "The server's name or address, with :port when it is not 4325");
        JPanel certRow = new JPanel(new BorderLayout(UIScale.scale(4), 0));
        certRow.add(certFile, BorderLayout.CENTER);
        JButton browse = new JButton("Browse...");
        browse.setName("login.certBrowse");
        browse.setToolTipText("Choose the server's certificate file (xwserver.pem)");
        browse.addActionListener(e -> chooseCertificate());
        certRow.add(browse, BorderLayout.EAST);
        certFile.setToolTipText("The server's certificate (xwserver.pem): only the server holding its key is trusted");
        form.add("&Certificate", certRow, "The server's certificate (xwserver.pem): only the server holding its key is trusted");
        form.add("&Login", login, "Your login on that server");
        form.add("&Password", password, "Your password; it is sent once, over TLS, and never stored by this window");
        form.wide(busy, false);

        ok.setToolTipText("Connect with these values");
        ok.setMnemonic('o');
        ok.addActionListener(e -> logIn());
        Dialogs.formWithActions(this, form.panel(), ok, "login.cancel", "Close this dialog without logging in");
        pack();
        setResizable(false);
        setLocationRelativeTo(owner);
        (password.getPassword().length == 0 && !login.getText().isBlank() ? password : server).requestFocusInWindow();
    }

    private void logIn() {
        ClientSettings settings;
        try {
            settings = new LoginForm(server.getText(), certFile.getText(), login.getText(),
                    new String(password.getPassword()), source).settings();
        } catch (IllegalArgumentException e) {
            JOptionPane.showMessageDialog(this, Problems.sentence(e), "Cannot log in", JOptionPane.WARNING_MESSAGE);
            return;
        }
        working(true);
        String where = settings.host() + ":" + settings.port();
        background.run("Logging in to " + where, progress -> {
            XwClient client = XwClient.openLoggedIn(settings);
            UserView me = client.me();
            return new Session(client, me, where);
        }, session -> {
            prefs.lastLogin("server", server.getText().trim());
            prefs.lastLogin("certFile", certFile.getText().trim());
            prefs.lastLogin("login", login.getText().trim());
            dispose();
            loggedIn.accept(session);
        }, error -> {
            working(false);
            LoginFailure failure = LoginFailure.of(error);
            JOptionPane.showMessageDialog(this, Problems.sentence(error), failure.title(), JOptionPane.ERROR_MESSAGE);
            // Back to the field to correct, this window focused again (as a window manager would do).
            toFront();
            (failure == LoginFailure.REFUSED ? password : failure == LoginFailure.CERTIFICATE ? certFile : server).requestFocus();
        });
    }

    private void working(boolean on) {
        for (JComponent c : new JComponent[] {server, certFile, login, password, ok}) {
            c.setEnabled(!on);
        }
        busy.setText(on ? "Connecting..." : " ");
    }

    private void chooseCertificate() {
        JFileChooser chooser = new JFileChooser(certFile.getText().isBlank() ? null : Path.of(certFile.getText()).toFile());
        chooser.setDialogTitle("The server's certificate");
        chooser.setFileFilter(new FileNameExtensionFilter("Certificates (*.pem, *.crt)", "pem", "crt"));
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            certFile.setText(chooser.getSelectedFile().getAbsolutePath());
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
