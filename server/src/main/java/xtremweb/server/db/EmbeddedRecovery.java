package xtremweb.server.db;

import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Brings an embedded H2 file back to its newest committed state before the server opens it.
 *
 * <p>H2 2.3.232 writes a new chunk, then rewrites the file header that names the newest chunk.
 * When the new chunk reuses the space of the chunk the header still names, a kill between the two
 * writes leaves a header that points to nothing valid; H2's quick recovery on the next open then
 * falls back to the chunk at the end of the file, which can be far older, and the commits since are
 * gone (EmbeddedCommitSurvivesKillTest saw every commit of a server's first life lost). H2's full
 * recovery scans every block of the file instead and finds the newest complete chunk. The JDBC URL
 * cannot ask for it, so the store is opened here in recovery mode and closed cleanly: the next open
 * then reads a clean header naming that newest chunk. Cost: one read pass over the file's block
 * footers at start-up (see the README, "What is durable").
 */
final class EmbeddedRecovery {
    private static final String FILE_PREFIX = "jdbc:h2:file:";

    private EmbeddedRecovery() {
    }

    /** Does nothing unless the URL names an embedded H2 file that exists. */
    static void recoverNewestState(String jdbcUrl) {
        if (!jdbcUrl.startsWith(FILE_PREFIX)) {
            return;
        }
        int options = jdbcUrl.indexOf(';');
        String base = jdbcUrl.substring(FILE_PREFIX.length(), options < 0 ? jdbcUrl.length() : options);
        Path file = Path.of(base + ".mv.db");
        if (!Files.isRegularFile(file)) {
            return;
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).recoveryMode().autoCommitDisabled().open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                // Open already (another server of this JVM shares it, or another process holds it and
                // H2's own open says so): the live store is the newest state, nothing to recover.
                return;
            }
            throw e;
        }
        // close(0): no compaction, just a clean shutdown mark and a header naming the recovered chunk.
        store.close(0);
    }
}
