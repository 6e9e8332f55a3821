package xtremweb.client.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.wire.WorkBatch;

class ParameterFileTest {
    @TempDir
    Path tmp;

    @Test
    void argumentsWrittenAsALineReadBackTheSame() {
        List<List<String>> cases = List.of(List.of(), List.of("plain", "-n", "4"), List.of("two words", ""),
                List.of("it's", "\"quoted\"", "back\\slash", "$HOME", "#not-a-comment", "tab\there", "`tick`"),
                List.of("'", "''", "a'b'c"));
        for (List<String> args : cases) {
            assertThat(ParameterFile.arguments(ParameterFile.line(args))).as(ParameterFile.line(args)).isEqualTo(args);
        }
    }

    @Test
    void plainArgumentsStayUnquoted() {
        assertThat(ParameterFile.line(List.of("-n", "4", "x=1,y=2"))).isEqualTo("-n 4 x=1,y=2");
    }

    @Test
    void eachLineIsAJobAfterTheCommonArgumentsLabelledWithItsLineNumber() throws Exception {
        Path file = Files.writeString(tmp.resolve("sweep.txt"), "# energies\n1 \"a b\"\n\n2\n");
        List<WorkBatch.Job> jobs = ParameterFile.jobs(ParameterFile.read(file), List.of("-v"), "run");
        assertThat(jobs).containsExactly(new WorkBatch.Job(List.of("-v", "1", "a b"), "run-2"),
                new WorkBatch.Job(List.of("-v", "2"), "run-4"));
    }

    @Test
    void aMissingFileIsAUsageErrorSaidOnce() {
        java.nio.file.Path missing = java.nio.file.Path.of("/nonexistent-" + System.nanoTime());
        assertThatThrownBy(() -> ParameterFile.read(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the parameter file " + missing + ": no such file or directory");
    }

    @Test
    void anUnclosedQuoteIsRefusedNamingIt() {
        assertThatThrownBy(() -> ParameterFile.arguments("a \"b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never closed");
    }

    @Test
    void anUnclosedQuoteInTypedArgumentsNamesTheArgumentsNotALine() {
        assertThatThrownBy(() -> ParameterFile.arguments("-n 4 \"two words")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the arguments: the quote \" is never closed");
    }
}
