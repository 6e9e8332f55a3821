package xtremweb.client.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A work's standard input or environment that names nothing: the same sentence reaches the command
 * line and the graphical client's error dialog, so it names the input, not a command-line option
 * the GUI's user never typed.
 */
class InputsMistakesTest {
    @TempDir
    Path dir;

    @Test
    void aMissingStandardInputIsNamedInWordsBothClientsUse() {
        String missing = dir.resolve("in.txt").toString();
        // Neither a file nor a UID: no data is touched, so none is needed.
        assertThatThrownBy(() -> Inputs.stdinDataUid(null, missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the job's standard input '" + missing + "' is neither a readable file nor a data UID; give a file"
                        + " you can read, or the UID of a data on the server");
    }

    @Test
    void aMissingEnvironmentIsNamedInWordsBothClientsUse() {
        String missing = dir.resolve("inputs").toString();
        assertThatThrownBy(() -> Inputs.envDataUid(null, missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the job's environment '" + missing + "' is neither a readable file or directory")
                .hasMessageNotContaining("--xwenv");
    }
}
