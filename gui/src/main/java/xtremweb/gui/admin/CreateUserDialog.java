package xtremweb.gui.admin;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import com.formdev.flatlaf.FlatClientProperties;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.UsergroupView;
import xtremweb.gui.background.Problems;
import xtremweb.gui.frame.Choice;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.frame.Form;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.look.Tone;
import xtremweb.gui.session.Session;

/**
 * A new account, as {@code xwsenduser}: login, email, rights (up to the administrator's own), user
 * group, and the password typed twice, masked, never shown, cleared from memory once sent.
 */
final class CreateUserDialog extends JDialog {
    private final JTextField login = new JTextField(20);
    private final JTextField email = new JTextField(20);
    private final JComboBox<UserRights> rights = new JComboBox<>();
    private final JComboBox<Choice> group = new JComboBox<>();
    private final JPasswordField password = new JPasswordField(20);
    private final JPasswordField again = new JPasswordField(20);
    private final JLabel problem = new JLabel(" ");
    private final JButton ok = new JButton("Create");
    private final Shell shell;
    private final Session session;
    private final Consumer<UserView> created;

    CreateUserDialog(Shell shell, Session session, UserRights highest, List<UsergroupView> groups, Consumer<UserView> created) {
        super(Dialogs.owner(shell.window()), "New user", ModalityType.APPLICATION_MODAL);
        this.shell = shell;
        this.session = session;
        this.created = created;
        setName("newUser");
        login.setName("newUser.login");
        email.setName("newUser.email");
        rights.setName("newUser.rights");
        group.setName("newUser.group");
        password.setName("newUser.password");
        again.setName("newUser.again");
        problem.setName("newUser.problem");
        ok.setName("newUser.ok");
        for (UserRights r : UserRights.values()) {
            if (highest.atLeast(r)) {
                rights.addItem(r);
            }
        }
        rights.setSelectedItem(UserRights.STANDARD_USER);
        group.addItem(new Choice(null, "No user group"));
        groups.forEach(g -> group.addItem(new Choice(g.label(), g.label())));
        for (JPasswordField field : new JPasswordField[] {password, again}) {
            field.putClientProperty(FlatClientProperties.STYLE, "showRevealButton: false");
        }
        email.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "optional");
        problem.setForeground(Tone.BAD.colour());

        Form form = new Form();
        form.add("&Login", login, "Letters, digits, '.', '_', '@' or '-'");
        form.add("&Email", email, "Where to reach the user (optional)");
        form.add("&Rights", rights, "STANDARD_USER submits works; ADVANCED_USER also inserts public apps and runs"
                + " workers; WORKER_USER is for workers; SUPER_USER administers");
        form.add("User &group", group, "Members of a group share what is group-readable (0x750)");
        form.add("&Password", password, "At least 8 characters; it is never shown and never stored by this window");
        form.add("Re&peat password", again, "The same password again, to catch a typing mistake");
        form.wide(problem, false);

        ok.setMnemonic('C');
        ok.setToolTipText("Create the account");
        ok.addActionListener(e -> create());
        Dialogs.formWithActions(this, form.panel(), ok, "newUser.cancel", "Close without creating");
        pack();
        setLocationRelativeTo(shell.window());
    }

    private void create() {
        char[] typed = password.getPassword();
        char[] repeated = again.getPassword();
        try {
            if (!Arrays.equals(typed, repeated)) {
                problem.setText("The two passwords differ; type them again.");
                password.setText("");
                again.setText("");
                password.requestFocusInWindow();
                return;
            }
            UserCreate create;
            try {
                create = new UserCreate(login.getText().trim(), new String(typed), email.getText().isBlank() ? null
                        : email.getText().trim(), (UserRights) rights.getSelectedItem(),
                        group.getSelectedItem() instanceof Choice c ? c.value() : null);
            } catch (IllegalArgumentException e) {
                problem.setText(Problems.sentence(e));
                return;
            }
            problem.setText(" ");
            ok.setEnabled(false);
            shell.background().run("Creating the user '" + create.login() + "'",
                    progress -> session.client().admin().createUser(create), user -> {
                        password.setText("");
                        again.setText("");
                        dispose();
                        created.accept(user);
                    }, error -> {
                        ok.setEnabled(true);
                        problem.setText(Problems.sentence(error));
                    });
        } finally {
            Arrays.fill(typed, '\0');
            Arrays.fill(repeated, '\0');
        }
    }
}
