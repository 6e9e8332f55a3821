package xtremweb.client;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;

/**
 * {@code xwsenduser <login> <password> <email> <rights> [usergroup]}: creates a user (SUPER_USER,
 * never above its own level). A password of {@code -} is asked on the terminal without echo (or
 * read as one line from standard input when there is no terminal), so it stays out of the
 * shell history and the process list. Prints the new user's UID.
 */
@Command(name = "xwsenduser", aliases = {"--xwsenduser", "senduser"}, description = "Creates a user.")
final class SendUserCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOGIN", description = "The new login.")
    String login;

    @Parameters(index = "1", paramLabel = "PASSWORD", description = "Its password (at least 8 characters), or - to be asked.")
    String password;

    @Parameters(index = "2", paramLabel = "EMAIL", description = "Its email address (- for none).")
    String email;

    @Parameters(index = "3", paramLabel = "RIGHTS",
            description = "NONE, WORKER_USER, STANDARD_USER, ADVANCED_USER or SUPER_USER.")
    UserRights rights;

    @Parameters(index = "4", arity = "0..1", paramLabel = "USERGROUP", description = "Label or UID of its user group.")
    String usergroup;

    @Override
    public Integer call() {
        String secret = "-".equals(password) ? askPassword() : password;
        UserCreate create = new UserCreate(login, secret, "-".equals(email) ? null : email, rights, usergroup);
        UserView user = main.connect(globals).admin().createUser(create);
        spec.commandLine().getOut().println(user.uid());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private String askPassword() {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("password for new user %s: ", login);
            if (typed == null) {
                throw new IllegalArgumentException("no password typed for " + login);
            }
            return new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password on standard input for " + login);
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password: " + e.getMessage(), e);
        }
    }
}
