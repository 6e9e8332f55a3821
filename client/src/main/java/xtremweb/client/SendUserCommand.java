package xtremweb.client;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;

/**
 * {@code xwsenduser LOGIN EMAIL RIGHTS [USERGROUP]}: creates a user (SUPER_USER, never above its own
 * level) and prints its UID. The new password never travels as an argument, where every user of the
 * machine reads it ({@code ps}, {@code /proc}) and the shell history keeps it: it is asked twice on
 * the terminal without echo, read as one line from standard input when there is no terminal, or
 * taken from {@code --xwpasswordfile FILE} or the environment variable {@code --xwpasswordenv NAME}.
 * The manual's order {@code LOGIN PASSWORD EMAIL RIGHTS [USERGROUP]} is accepted with {@code -} as
 * the password; a real password there is refused without being sent. {@code --xwdn DN} lets the user
 * log in with its certificate too ({@code --xwnopassword}: with its certificate only, no password).
 */
@Command(footer = {"", "Examples:", "  xwsenduser alice alice@example.org STANDARD_USER physics", "  xwsenduser --xwpasswordfile pw.txt lab-12 - WORKER_USER  # a worker", "  xwsenduser --xwdn \"CN=Jane Doe,DC=example\" --xwnopassword jane - STANDARD_USER"},
        name = "xwsenduser", aliases = {"--xwsenduser", "senduser"},
        description = {"Creates a user and prints its UID.",
                "The password is never an argument (ps shows arguments to every user of the machine): it is asked twice"
                        + " without echo on a terminal, read as one line from standard input otherwise, or taken from"
                        + " --xwpasswordfile FILE or --xwpasswordenv VARIABLE.",
                "The manual's order 'LOGIN - EMAIL RIGHTS [USERGROUP]' works too."})
final class SendUserCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    // no arity: the words may come before and after the options; their count is checked in parse(). The
    // synopsis is the label as written: picocli would print "[LOGIN EMAIL RIGHTS [USERGROUP]...]".
    @Parameters(paramLabel = "LOGIN EMAIL RIGHTS [USERGROUP]", hideParamSyntax = true,
            description = "The new login; its email address (- for none); NONE, WORKER_USER, STANDARD_USER, ADVANCED_USER"
                    + " or SUPER_USER (in any case, _USER may be left out); the label or UID of its user group.")
    List<String> words;

    @ArgGroup(exclusive = true)
    PasswordSource source;

    /** Where the new password comes from when it is not typed. */
    static final class PasswordSource {
        @Option(names = "--xwpasswordfile", paramLabel = "FILE",
                description = "Read the new password from the first line of FILE (keep it readable by you only).")
        Path file;

        @Option(names = "--xwpasswordenv", paramLabel = "VARIABLE",
                description = "Read the new password from the environment variable VARIABLE (its name, not the password).")
        String variable;
    }

    @Option(names = "--xwdn", paramLabel = "DN", description = "The subject of the user's certificate: the user then logs in"
            + " with that certificate or its proxies. /DC=org/DC=example/CN=Jane Doe or CN=Jane Doe,DC=example,DC=org.")
    String dn;

    @Option(names = "--xwnopassword", description = "No password: the user logs in with its certificate only (needs --xwdn).")
    boolean noPassword;

    /** The words of the command line, sorted out. */
    private record NewUser(String login, Optional<String> password, String email, UserRights rights, String usergroup) {
    }

    @Override
    public Integer call() {
        NewUser user = parse();
        if (!"-".equals(user.email())) {
            // before the password is asked for: a mistyped address is said at once (the server checks it too)
            UserCreate.requireEmail(user.email());
        }
        if (noPassword && (dn == null || source != null)) {
            throw new ParameterException(spec.commandLine(), "--xwnopassword needs --xwdn DN, and no password option");
        }
        String secret = noPassword ? null : user.password().orElseGet(() -> newPassword(user.login()));
        UserCreate create = new UserCreate(user.login(), secret, "-".equals(user.email()) ? null : user.email(), user.rights(),
                user.usergroup(), dn);
        UserView created = main.connect(globals).admin().createUser(create);
        spec.commandLine().getOut().println(created.uid());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private NewUser parse() {
        if (words == null || words.size() < 3 || words.size() > 5) {
            throw new ParameterException(spec.commandLine(), "expected LOGIN EMAIL RIGHTS [USERGROUP]");
        }
        if (words.size() >= 4 && rights(words.get(2)).isEmpty() && rights(words.get(3)).isPresent()) {
            // the manual's order: LOGIN PASSWORD EMAIL RIGHTS [USERGROUP]
            if (!"-".equals(words.get(1))) {
                throw new ParameterException(spec.commandLine(), "xwsenduser does not take the password as an argument: every"
                        + " user of this machine can read it (ps) and your shell history keeps it. Nothing was sent. Write '-'"
                        + " (or leave it out) to be asked, or use --xwpasswordfile FILE or --xwpasswordenv VARIABLE.");
            }
            return new NewUser(words.get(0), Optional.empty(), words.get(2), rights(words.get(3)).orElseThrow(),
                    words.size() == 5 ? words.get(4) : null);
        }
        if (words.size() <= 4 && rights(words.get(2)).isPresent()) {
            return new NewUser(words.get(0), Optional.empty(), words.get(1), rights(words.get(2)).orElseThrow(),
                    words.size() == 4 ? words.get(3) : null);
        }
        throw new ParameterException(spec.commandLine(), "expected LOGIN EMAIL RIGHTS [USERGROUP], RIGHTS being one of "
                + Arrays.toString(UserRights.values()) + " (in any case; STANDARD for STANDARD_USER...); got " + String.join(" ", words.stream().map(w -> "'" + w + "'").toList()));
    }

    /**
     * The user level a word names: its name in any case (standard_user), or the manual's short name of
     * the level ("standard user level", "worker level": standard, worker, advanced, super).
     */
    static Optional<UserRights> rights(String word) {
        String name = word.toUpperCase(Locale.ROOT);
        for (UserRights level : UserRights.values()) {
            if (level.name().equals(name) || level.name().equals(name + "_USER")) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    private String newPassword(String login) {
        if (source != null && source.file != null) {
            return firstLine(source.file);
        }
        if (source != null && source.variable != null) {
            String value = System.getenv(source.variable);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("the environment variable " + source.variable
                        + " (--xwpasswordenv) is not set or empty; export it first");
            }
            return value;
        }
        Console console = terminal();
        if (console != null) {
            char[] typed = console.readPassword("password for new user %s: ", login);
            char[] again = typed == null ? null : console.readPassword("the same password again: ");
            if (typed == null || again == null) {
                throw new IllegalArgumentException("no password typed for " + login);
            }
            if (!Arrays.equals(typed, again)) {
                throw new IllegalArgumentException("the two passwords typed for " + login + " differ; nothing was sent");
            }
            return new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("no password for " + login + " on standard input; type it on a terminal,"
                        + " or use --xwpasswordfile FILE or --xwpasswordenv VARIABLE");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password: " + e.getMessage(), e);
        }
    }

    private static String firstLine(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("the password file " + file + " (--xwpasswordfile) is empty");
            }
            return line;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the password file " + file + " (--xwpasswordfile): "
                    + xtremweb.client.api.IoReasons.of(e), e);
        }
    }

    /**
     * The console when it is a terminal a person types on. From Java 22 {@code System.console()} may
     * also answer when the standard streams are redirected; then the password is one line of stdin.
     */
    private static Console terminal() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console) ? console : null;
        } catch (ReflectiveOperationException olderThan22) {
            return console;
        }
    }
}
