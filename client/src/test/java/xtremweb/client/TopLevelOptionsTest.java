package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.PositionalParamSpec;

class TopLevelOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        ClientMain main = new ClientMain(config -> {
            throw new AssertionError("these commands need no server");
        }, Optional::empty);
        return ClientMain.commandLine(main, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void versionNamesTheClientAndItsJava() {
        assertThat(run("xwversion")).isZero();
        assertThat(out.toString()).startsWith("XtremWeb client ").contains("Java " + Runtime.version().feature());
    }

    @Test
    void guiReachedWithoutTheScriptNamesTheScriptThatStartsIt() {
        assertThat(run("--xwgui")).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).contains("bin/xwgui");
    }

    @Test
    void aBashCompletionScriptIsGeneratedForEveryCommand() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out.toString()).contains("xtremweb.client").contains("xwsendwork").contains("xwresult").contains("complete");
    }

    @Test
    void everyCommandHasItsOwnUsage() {
        for (String command : new String[] {"xwsendapp", "xwsenddata", "xwapps", "xwsendwork", "xwworks", "xwresult",
                "xwrm", "xwping", "xwmacro", "xwversion"}) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).startsWith("Usage: xtremweb.client " + command);
        }
    }

    @Test
    void everySynopsisNamesEachArgumentOnceAndAsTheManualWritesIt() {
        CommandLine root = ClientMain.commandLine(new ClientMain(config -> {
            throw new AssertionError("--help needs no server");
        }, Optional::empty), new PrintWriter(out, true), new PrintWriter(err, true));
        for (String command : root.getSubcommands().keySet()) {
            if (!command.startsWith("xw")) {
                continue; // the aliases print the same usage
            }
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).as(command).isZero();
            // The synopsis: the first line and its indented continuation lines.
            String usage = out.toString().split("\n(?! )")[0].replaceAll("\\s+", " ");
            for (PositionalParamSpec positional : root.getSubcommands().get(command).getCommandSpec().positionalParameters()) {
                // Not an option's value (--xwcert=FILE): the label as a word of its own.
                Pattern label = Pattern.compile("(?<![=\\w])" + Pattern.quote(positional.paramLabel()) + "(?!\\w)");
                assertThat(label.matcher(usage).results().count()).as(command + " synopsis: " + usage).isEqualTo(1);
            }
        }
        out.getBuffer().setLength(0);
        assertThat(run("xwsenddata", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("[--xwrights=RIGHTS] NAME [CPU [OS]] FILE|URI ");
        out.getBuffer().setLength(0);
        assertThat(run("xwsenduser", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains(" LOGIN EMAIL RIGHTS [USERGROUP] ").doesNotContain("[USERGROUP]...");
    }

    @Test
    void everyCommandThatTakesArgumentsShowsExamplesUnderItsOwnName() {
        CommandLine root = ClientMain.commandLine(new ClientMain(config -> {
            throw new AssertionError("--help needs no server");
        }, Optional::empty), new PrintWriter(out, true), new PrintWriter(err, true));
        for (String command : root.getSubcommands().keySet()) {
            CommandLine.Model.CommandSpec spec = root.getSubcommands().get(command).getCommandSpec();
            if (!command.startsWith("xw") || !command.equals(spec.name()) || spec.positionalParameters().isEmpty()) {
                continue; // an alias prints its command's help
            }
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).as(command).isZero();
            String help = out.toString();
            assertThat(help).as(command).contains("\nExamples:\n");
            String examples = help.substring(help.indexOf("Examples:"));
            // Each example is a command line a user may paste, under the command's script name, on a line of its own.
            assertThat(examples.lines().filter(l -> l.startsWith("  " + command + " ")).count()).as(command + ": " + examples)
                    .isPositive();
            assertThat(examples.lines().skip(1)).as(command + ": " + examples).allMatch(l -> l.startsWith("  " + command + " "));
        }
    }

    @Test
    void everyHelpLineBreakFallsBetweenSentences() {
        // picocli prints each element of a description on a line of its own, unwrapped into the next:
        // an element that stops mid-sentence leaves a short line, and the rest of the sentence below it.
        CommandLine root = ClientMain.commandLine(new ClientMain(config -> {
            throw new AssertionError("--help needs no server");
        }, Optional::empty), new PrintWriter(out, true), new PrintWriter(err, true));
        java.util.List<String> brokenOff = new java.util.ArrayList<>();
        for (CommandLine command : root.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = command.getCommandSpec();
            java.util.List<String> elements = new java.util.ArrayList<>(java.util.List.of(spec.usageMessage().description()));
            spec.args().forEach(arg -> elements.addAll(java.util.List.of(arg.description())));
            elements.stream().distinct().filter(e -> !e.isBlank() && !e.strip().matches("(?s).*[.:!?)](%n)?"))
                    .map(e -> spec.name() + ": " + e).filter(e -> !brokenOff.contains(e)).forEach(brokenOff::add);
        }
        assertThat(brokenOff).isEmpty();
    }

    @Test
    void sendWorkSaysAWorkAndItsResultTakeTheAppsRightsAndHowToNarrowThem() {
        // Manual: a job's rights are its app's; a result takes its work's. A scientist on a public app
        // learns before submitting that others may read the result, and the command that prevents it.
        assertThat(run("xwsendwork", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("take the app's access rights")
                .contains("xwchmod go-rwx WORK_UID");
    }

    @Test
    void aNumberOptionGivenSomethingElseSaysWholeNumberNotAJavaType() {
        assertThat(run("xwresult", "--xwwait", "abc", "0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("xwsendwork", "--xwmincpuspeed", "fast", "app")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("'abc' is not a whole number").contains("'fast' is not a whole number")
                .doesNotContain("not an int").doesNotContain("not a long");
    }

    @Test
    void noverboseIsAcceptedForOldScripts() {
        assertThat(run("--xwnoverbose", "xwversion")).isZero();
    }

    @Test
    void clientLoopDelayRefusesNegativeAndNonNumbersAsUsageErrors() {
        assertThat(run("xwworks", "--xwclientloopdelay", "-5")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--xwclientloopdelay must be zero or more milliseconds, not -5");
        err.getBuffer().setLength(0);
        assertThat(run("xwworks", "--xwclientloopdelay", "soon")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--xwclientloopdelay").contains("soon");
    }

    @Test
    void everyActionOfTheManualAnswersToItsLegacySpelling() {
        for (String legacy : new String[] {"--xwsendwork", "--xwgetworks", "--xwgettasks", "--xwgetapps", "--xwgetdatas",
                "--xwgetusers", "--xwgetusergroups", "--xwremove", "--xwchmod", "--xwresult", "--xwsenddata", "--xwsendapp",
                "--xwsenduser", "--xwsendusergroup", "--xwping", "--xwversion", "--xwmacro", "--xwdownload",
                "--xwactivate", "--xwgetworkers"}) {
            out.getBuffer().setLength(0);
            assertThat(run(legacy, "--help")).as(legacy).isZero();
            assertThat(out.toString()).as(legacy).startsWith("Usage: xtremweb.client ");
        }
    }

    @Test
    void anUnknownCommandOptionOrArgumentIsSaidInTheManualsWordsWithTheCloseNames() {
        // a typo in a command line or in a macro file line: picocli said "Unmatched argument at index 0: 'xwwork'"
        assertThat(run("xwwork")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'xwwork' is not a command (did you mean xwworks").doesNotContain("index")
                .doesNotContain("--xwworkers");
        err.getBuffer().setLength(0);
        assertThat(run("xwworks", "--xwconfg", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'--xwconfg' is not an option of xwworks (did you mean --xwconfig")
                .doesNotContain("--xwgroup");
        err.getBuffer().setLength(0);
        // every option starts with --xw: picocli's prefix suggestions named unrelated ones
        assertThat(run("xwworks", "--xwlable", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'--xwlable' is not an option of xwworks; see 'xwworks --help'")
                .doesNotContain("did you mean");
        err.getBuffer().setLength(0);
        // an option xwsendwork does not know would be the app's name: said with the option meant
        assertThat(run("xwsendwork", "--xwlable", "run-1", "apptest")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'--xwlable' is not an option of xwsendwork (did you mean --xwlabel?)");
        err.getBuffer().setLength(0);
        assertThat(run("xwversion", "extra")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("xwversion does not take the argument 'extra'; see 'xwversion --help'")
                .doesNotContain("index");
    }
}
