package xtremweb.gui.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A name another user gave a data or an app never steers where the Save dialog proposes to write. */
class LocalFilesTest {
    @ParameterizedTest(name = "''{0}'' is proposed as ''{1}''")
    @CsvSource({"input.txt, input.txt", "../../../../root/.bashrc, bashrc", "/etc/cron.d/job, job", "..\\..\\evil.bat, evil.bat",
            ".profile, profile", "'..', download", "'a/', download", "'', download", "résumé 2.pdf, résumé 2.pdf"})
    void theSaveDialogProposesOnlyTheLastPartOfTheNameAndNoHiddenFile(String name, String proposed) {
        assertThat(LocalFiles.proposedName(name)).isEqualTo(proposed);
    }
}
