package xtremweb.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .deb's /etc/xtremweb/xtremweb.worker.conf is found without --xwconfig, after every other place. */
class SystemConfigTest {
    @TempDir
    Path dir;

    @Test
    void thePackagesConfigurationIsUsedWhenNoOtherIsThere() throws Exception {
        Path install = Files.createDirectories(dir.resolve("var-lib-xtremweb-worker"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path system = Files.writeString(Files.createDirectories(dir.resolve("etc")).resolve("xtremweb.worker.conf"), "login: w\n");

        assertThat(WorkerMain.systemConfig(install, home, system)).contains(system);
    }

    @Test
    void theInstallationsOrTheUsersConfigurationComesFirst() throws Exception {
        Path system = Files.writeString(Files.createDirectories(dir.resolve("etc")).resolve("xtremweb.worker.conf"), "login: w\n");
        Path install = Files.createDirectories(dir.resolve("opt").resolve("conf")).getParent();
        Files.writeString(install.resolve("conf").resolve("xtremweb.worker.conf"), "login: w\n");
        Path home = Files.createDirectories(dir.resolve("home").resolve(".xtremweb")).getParent();
        Files.writeString(home.resolve(".xtremweb").resolve("xtremweb.worker.conf"), "login: w\n");

        assertThat(WorkerMain.systemConfig(install, dir.resolve("nobody"), system)).isEmpty();
        assertThat(WorkerMain.systemConfig(dir.resolve("nowhere"), home, system)).isEmpty();
        assertThat(WorkerMain.systemConfig(dir.resolve("nowhere"), dir.resolve("nobody"), dir.resolve("no.conf"))).isEmpty();
    }
}
