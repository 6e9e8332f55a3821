package xtremweb.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Test classes that share the one {@link ClientGrid} of the test run. */
@ExtendWith(ClientGrid.Extension.class)
abstract class OnTheClientGrid {
    static ClientGrid grid;

    @TempDir
    Path tmp;

    @BeforeAll
    static void shareTheGrid(ClientGrid shared) {
        grid = shared;
    }
}
