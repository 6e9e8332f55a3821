package xtremweb.client.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MacroRunnerTest {
    @TempDir
    Path dir;

    private final List<List<String>> ran = new ArrayList<>();
    private final StringWriter err = new StringWriter();

    /** Lines whose command is "fail" exit 1; the others succeed. */
    private MacroRunner runner() {
        return new MacroRunner(args -> {
            ran.add(args);
            return args.get(0).equals("fail") ? 1 : 0;
        }, new PrintWriter(err));
    }

    private Path macro(String... lines) throws Exception {
        return Files.writeString(dir.resolve("m.xw"), String.join("\n", lines) + "\n");
    }

    @Test
    void aFileWithoutAnyCommandIsRefusedSayingSoInsteadOfASilentSuccess() throws Exception {
        for (Path file : List.of(Files.writeString(dir.resolve("empty.xw"), ""), macro("# only a comment", "", "   "))) {
            assertThatThrownBy(() -> runner().run(file, Optional.empty(), false)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the macro file " + file + " holds no command");
        }
        assertThat(ran).isEmpty();
    }

    @Test
    void stopsAtTheFirstFailingLineAndNamesIt() throws Exception {
        String text = IntStream.rangeClosed(1, 10).mapToObj(i -> i == 7 ? "fail here" : "xwworks").collect(Collectors.joining("\n"));
        Path file = Files.writeString(dir.resolve("m.xw"), text);
        assertThat(runner().run(file, Optional.empty(), false)).isEqualTo(1);
        assertThat(ran).hasSize(7);
        assertThat(err.toString()).contains("line 7 failed").contains("fail here");
    }

    @Test
    void continuesWhenAskedAndReturnsTheFirstFailure() throws Exception {
        Path file = macro("xwworks", "fail one", "xwapps", "fail two");
        assertThat(runner().run(file, Optional.empty(), true)).isEqualTo(1);
        assertThat(ran).hasSize(4);
        assertThat(err.toString()).contains("line 2 failed").contains("line 4 failed");
    }

    @Test
    void theMacrosConfigurationGoesToEveryLineThatNamesNone() throws Exception {
        Path file = macro("# set-up", "", "xwworks", "xwapps --xwconfig other.conf");
        assertThat(runner().run(file, Optional.of(Path.of("grid.conf")), false)).isZero();
        assertThat(ran).containsExactly(List.of("xwworks", "--xwconfig", "grid.conf"), List.of("xwapps", "--xwconfig", "other.conf"));
    }

    @Test
    void aMacroCannotRunAMacro() throws Exception {
        Path file = macro("xwworks", "xwmacro m.xw");
        assertThatThrownBy(() -> runner().run(file, Optional.empty(), false)).hasMessageContaining("line 2");
        assertThat(ran).isEmpty();
    }

    @Test
    void aMacroFileThatIsNotUtf8TextIsRefusedInOneSentence() throws Exception {
        Path file = Files.write(dir.resolve("latin1.xw"), new byte[] {'x', 'w', 'w', 'o', 'r', 'k', 's', ' ', (byte) 0xe9, '\n'});
        assertThatThrownBy(() -> runner().run(file, Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the macro file " + file + " is not UTF-8 text; save it as UTF-8, one command per line");
        assertThat(ran).isEmpty();
    }

    @Test
    void aDirectoryGivenAsTheMacroFileIsAUsageErrorNotAnInternalOne() {
        assertThatThrownBy(() -> runner().run(dir, Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the macro file " + dir + ": ");
        assertThat(ran).isEmpty();
    }

    @Test
    void aFailingLineNamingAFileBesideTheMacroButNotInTheCurrentDirectorySaysWhereToFindIt() throws Exception {
        // The macro's directory is a temporary one, never the current directory of the test.
        Files.writeString(dir.resolve("only-beside-the-macro.txt"), "input\n");
        Path file = macro("fail apptest -n 1 --xwstdin only-beside-the-macro.txt");

        assertThat(runner().run(file, Optional.empty(), false)).isEqualTo(1);

        assertThat(err.toString()).contains("'only-beside-the-macro.txt' is not in the current directory")
                .contains("beside the macro file").contains(dir.resolve("only-beside-the-macro.txt").toString());
    }

    @Test
    void aFailingLineWhoseFilesAreNotBesideTheMacroGetsNoSuchHint() throws Exception {
        Path file = macro("fail apptest -n 1 --xwstdin nowhere.txt");
        assertThat(runner().run(file, Optional.empty(), false)).isEqualTo(1);
        assertThat(err.toString()).doesNotContain("beside the macro file");
    }
}
