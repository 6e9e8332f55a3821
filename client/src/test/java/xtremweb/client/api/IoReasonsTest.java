package xtremweb.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class IoReasonsTest {
    @Test
    void javasFileAndConnectionExceptionsBecomeWords() {
        assertThat(IoReasons.of(new NoSuchFileException("/x"))).isEqualTo("no such file or directory");
        assertThat(IoReasons.of(new AccessDeniedException("/x"))).isEqualTo("permission denied");
        // A refused connection carries no message at all: it used to print "null".
        assertThat(IoReasons.of(new ConnectException())).startsWith("the connection was refused");
        assertThat(IoReasons.of(new SSLHandshakeException("PKIX path building failed: sun.security.provider...")))
                .isEqualTo("its certificate is not signed by an authority this Java installation trusts");
        assertThat(IoReasons.of(new IOException((String) null))).isEqualTo("input/output error");
    }

    @Test
    void aTextFileThatIsNotUtf8IsSaidSoNotAsAnInputLength() {
        // what reading a Latin-1 password file as UTF-8 throws
        assertThat(IoReasons.of(new java.nio.charset.MalformedInputException(1))).isEqualTo("it is not UTF-8 text");
        assertThat(IoReasons.of(new java.nio.charset.UnmappableCharacterException(2))).isEqualTo("it is not UTF-8 text");
    }

    @Test
    void aFileSystemErrorReachingThePersonIsOneSentenceNamingTheFile() {
        assertThat(ErrorSentences.forPeople(new FileAlreadyExistsException("/tmp/out")))
                .hasValue("cannot use /tmp/out: a file of that name already exists");
        assertThat(ErrorSentences.forPeople(new UncheckedIOException(new NoSuchFileException("/tmp/pw"))))
                .hasValue("cannot use /tmp/pw: no such file or directory");
        // A sentence already written by a command is kept as it is.
        assertThat(ErrorSentences.forPeople(new UncheckedIOException("cannot store the result: disk full",
                new NoSuchFileException("/tmp/r")))).hasValue("cannot store the result: disk full");
    }
}
