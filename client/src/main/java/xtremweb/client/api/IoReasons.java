package xtremweb.client.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Why a file or a connection failed, in words: Java's exceptions name a class
 * ({@code NoSuchFileException}), carry only the path, or no message at all (a refused connection).
 */
public final class IoReasons {
    private IoReasons() {
    }

    /** A few words saying why, to follow "cannot read X: ". */
    public static String of(IOException e) {
        if (e instanceof CharacterCodingException) {
            // read as text (a password file, a configuration): Java says only "Input length = 1"
            return "it is not UTF-8 text";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "it is not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "it is a directory that is not empty";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : "the file system refused";
        }
        if (e instanceof ConnectException) {
            return "the connection was refused (nothing listens there, or a firewall stops it)";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof SSLHandshakeException) {
            return e.getMessage() != null && e.getMessage().contains("PKIX")
                    ? "its certificate is not signed by an authority this Java installation trusts"
                    : "the secure connection could not be set up";
        }
        return e.getMessage() != null ? e.getMessage() : "input/output error";
    }

    /** The sentence for a file operation that failed outside any command's own handling. */
    static String sentence(FileSystemException e) {
        String other = e.getOtherFile() == null ? "" : " (and " + e.getOtherFile() + ")";
        return "cannot use " + e.getFile() + other + ": " + of(e);
    }
}
