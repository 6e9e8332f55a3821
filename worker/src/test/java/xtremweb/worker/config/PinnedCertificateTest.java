package xtremweb.worker.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.ConfigException;

class PinnedCertificateTest {
    @TempDir
    Path dir;

    @Test
    void aCertificateFileThatHoldsNoCertificateStopsTheStartNamingTheKeyTheFileAndWhatToDo() throws Exception {
        Path notPem = Files.writeString(dir.resolve("xwserver.pem"), "this is the password, not the certificate\n");

        assertThatThrownBy(() -> PinnedCertificate.read(notPem, "/etc/xtremweb/xtremweb.worker.conf"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("key 'path.certfile' in /etc/xtremweb/xtremweb.worker.conf")
                .hasMessageContaining(notPem.toString()).hasMessageContaining("copy the server's xwserver.pem there");
    }
}
