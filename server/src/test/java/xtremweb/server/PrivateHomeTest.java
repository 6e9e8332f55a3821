package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server keeps under path.home is its users' business only: another account of the server's
 * machine reads neither a user's private data nor the database (password hashes, every row) nor the
 * logs. The server made these directories with the umask (0755), so any local account read every
 * stored content file and the embedded database file.
 */
class PrivateHomeTest {
    private static final Set<PosixFilePermission> OTHERS_AND_GROUP = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path dir;

    @Test
    void dataDatabaseAndLogsAreReachableByTheServersUserOnly() throws Exception {
        try (ApiServer api = ApiServer.start(dir, Map.of())) {
            // ApiServer.start uploaded the app's binary: a content file now sits under data/.
            Path home = dir.resolve("var");
            for (String name : List.of("data", "db", "logs", "var")) {
                assertThat(Files.getPosixFilePermissions(home.resolve(name))).as(name + "/")
                        .doesNotContainAnyElementsOf(OTHERS_AND_GROUP);
            }
            assertThat(reachableByOthers(home)).as("files another local account can read").isEmpty();
        }
    }

    @Test
    void directoriesAnOlderServerLeftOpenAreNarrowedAtStart() throws Exception {
        Path home = dir.resolve("var");
        Path data = Files.createDirectories(home.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path logs = Files.createDirectories(home.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));

        try (ApiServer api = ApiServer.start(dir, Map.of())) {
            assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(logs)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Regular files under {@code home} another account could read: readable by others, and every
     * directory above them up to {@code home} searchable by others. The server's public certificate
     * (keystore/xwserver.pem) is meant to be copied by anybody.
     */
    private static List<Path> reachableByOthers(Path home) throws Exception {
        List<Path> open = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (file.getFileName().toString().endsWith(".pem")) {
                    continue;
                }
                boolean reachable = Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ);
                for (Path up = file.getParent(); reachable && up.startsWith(home) && !up.equals(home); up = up.getParent()) {
                    reachable = Files.getPosixFilePermissions(up).contains(PosixFilePermission.OTHERS_EXECUTE);
                }
                if (reachable) {
                    open.add(home.relativize(file));
                }
            }
        }
        return open;
    }
}
