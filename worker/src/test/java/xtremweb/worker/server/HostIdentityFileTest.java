package xtremweb.worker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class HostIdentityFileTest {
    @TempDir
    Path home;

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void keepsTheHostUidAcrossRestartsInAFileOnlyItsOwnerCanRead() throws Exception {
        new HostIdentityFile(home.resolve("var/worker")).save(new HostIdentity("host-1", "token-1"));

        HostIdentityFile reopened = new HostIdentityFile(home.resolve("var/worker"));
        assertThat(reopened.load()).contains(new HostIdentity("host-1", "token-1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reopened.path()))).isEqualTo("rw-------");
    }

}
