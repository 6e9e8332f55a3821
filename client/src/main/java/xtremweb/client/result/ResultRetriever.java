package xtremweb.client.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import xtremweb.client.api.Data;
import xtremweb.client.api.XwClient;
import xtremweb.common.archive.SafeUnzip;
import xtremweb.common.archive.UnsafeArchiveException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkView;

/**
 * Brings a COMPLETED work's result home: downloads {@code <out>/<workUid>.zip}, checks its SHA-256
 * against the server's, extracts it safely into {@code <out>/<workUid>/}, and only then, when the
 * result is safely on disk, erases the work on the server.
 */
public final class ResultRetriever {
    private final XwClient client;
    private final Data data;

    public ResultRetriever(XwClient client) {
        this(client, client.data());
    }

    /** A retriever whose downloads report to {@code progress}. */
    public ResultRetriever(XwClient client, XwHttpClient.Progress progress) {
        this(client, client.data().reporting(progress));
    }

    private ResultRetriever(XwClient client, Data data) {
        this.client = client;
        this.data = data;
    }

    /** What to do with a downloaded result. */
    public record Options(Path outDir, boolean extract, boolean erase, boolean removeZip, boolean override) {
        public Options(Path outDir, boolean extract, boolean erase, boolean removeZip) {
            this(outDir, extract, erase, removeZip, false);
        }
    }

    /** Where the result now is: the extraction directory, or the zip when not extracted. */
    public Path retrieve(WorkView work, Options options) {
        if (work.status() != WorkStatus.COMPLETED) {
            throw new IllegalStateException("work " + work.uid() + " is " + work.status() + ", not COMPLETED");
        }
        if (work.resultDataUid() == null) {
            throw new IllegalStateException("work " + work.uid() + " is COMPLETED but has no result data");
        }
        Path zip = options.outDir().resolve(work.uid() + ".zip");
        try {
            Files.createDirectories(options.outDir());
            Path dir = options.outDir().resolve(work.uid());
            if (options.extract() && Files.exists(dir) && !options.override()) {
                throw new IllegalStateException(dir + " already exists; remove it or add --xwoverride to extract over it");
            }
            // A zip already here with the result's checksum is the result: the server, told its
            // SHA-256, answers so without sending it again. What is downloaded is checked against
            // the SHA-256 the server sends with it before it takes the zip's name.
            if (options.override()) {
                data.downloadContent(work.resultDataUid(), zip);
            } else {
                data.downloadContentUnlessHeld(work.resultDataUid(), zip);
            }
            Path where = zip;
            if (options.extract()) {
                where = dir;
                SafeUnzip.unpack(zip, where);
                if (options.removeZip()) {
                    Files.delete(zip);
                }
            }
            if (options.erase()) {
                client.works().delete(work.uid());
            }
            return where;
        } catch (UnsafeArchiveException e) {
            throw new UncheckedIOException("the result of work " + work.uid() + " was refused: " + e.getMessage()
                    + "; the zip is kept as " + zip + " and the work on the server", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the result of work " + work.uid() + ": " + e.getMessage(), e);
        }
    }
}
