package xtremweb.client.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.client.api.Data;
import xtremweb.client.api.Digests;
import xtremweb.client.api.IoReasons;
import xtremweb.client.api.XwClient;
import xtremweb.common.archive.SafeUnzip;
import xtremweb.common.archive.UnsafeArchiveException;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkView;

/**
 * Brings a COMPLETED work's result home: downloads {@code <out>/<workUid>.zip}, checks its SHA-256
 * against the server's, extracts it safely into {@code <out>/<workUid>/}, and only then, when the
 * result is safely on disk, erases the work on the server.
 */
public final class ResultRetriever {
    private static final Logger LOG = LoggerFactory.getLogger(ResultRetriever.class);
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

    /**
     * Downloads together, in one call, the result zips of those of {@code ended} that
     * {@link #retrieve} would download ({@code <out>/<workUid>.zip}, each checked against its
     * SHA-256): a sweep's results cost a call per batch of ends instead of one each. Answers the
     * works whose zip is now here, for {@link #retrieve(WorkView, Options, boolean)}. Fewer than
     * two, or any refusal (one result hidden or elsewhere, a server older than the call, a
     * connection cut), fetches nothing more here: each is then downloaded alone and refused, if it
     * is, for its own reason.
     */
    public Set<String> prefetch(List<WorkView> ended, Options options) {
        Map<String, Path> zips = new LinkedHashMap<>();
        Map<String, String> workOf = new HashMap<>();
        for (WorkView work : ended) {
            if (work.status() != WorkStatus.COMPLETED || work.resultDataUid() == null) {
                continue;
            }
            Path zip = options.outDir().resolve(work.uid() + ".zip");
            boolean held = Files.exists(zip) || options.extract() && Files.exists(options.outDir().resolve(work.uid()));
            if (held && !options.override()) {
                // Already here (asked with its checksum, one call that sends nothing) or refused by retrieve.
                continue;
            }
            zips.put(work.resultDataUid(), zip);
            workOf.put(work.resultDataUid(), work.uid());
        }
        if (zips.size() < 2) {
            return Set.of();
        }
        try {
            Files.createDirectories(options.outDir());
            data.downloadContents(zips);
        } catch (XwApiException | XwConnectException | IOException | UncheckedIOException e) {
            LOG.debug("results not fetched together ({}); fetching them one by one", e.getMessage());
            return Set.of();
        }
        return new HashSet<>(workOf.values());
    }

    /** Where the result now is: the extraction directory, or the zip when not extracted. */
    public Path retrieve(WorkView work, Options options) {
        return retrieve(work, options, false);
    }

    /**
     * As {@link #retrieve(WorkView, Options)}; {@code fetched}: its zip was just downloaded and
     * checked by {@link #prefetch}, so the server is not asked again.
     */
    public Path retrieve(WorkView work, Options options, boolean fetched) {
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
                if (!alreadyHere(zip, work)) {
                    throw new IllegalStateException(dir + " already exists; remove it or add --xwoverride to extract over it");
                }
                // Fetched before (xwresult --xwnoerase run again for the new results): the manual's
                // --xwoverride "redownload[s] a file even if it exists", so by default it is left as it
                // is, not an error for every result already here.
                if (options.removeZip()) {
                    Files.delete(zip);
                }
                if (options.erase()) {
                    client.works().delete(work.uid());
                }
                return dir;
            }
            // A zip already here with the result's checksum is the result: the server, told its
            // SHA-256, answers so without sending it again. What is downloaded is checked against
            // the SHA-256 the server sends with it before it takes the zip's name.
            if (fetched && Files.exists(zip)) {
                LOG.debug("result of work {} fetched with others", work.uid());
            } else {
                download(work, zip, options.override());
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
            // Java's message is the bare path ("cannot store ...: out.txt"): say which file and why.
            String file = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() + ": " : "";
            throw new UncheckedIOException("cannot store the result of work " + work.uid() + " in " + options.outDir() + ": "
                    + file + IoReasons.of(e), e);
        }
    }

    /** Whether {@code zip}, beside the extracted result, is the result the server holds (same SHA-256). */
    private boolean alreadyHere(Path zip, WorkView work) {
        if (!Files.isRegularFile(zip)) {
            return false; // extracted, its zip removed (--xwrmzip): nothing tells it is this result, whole
        }
        String sha256 = data.get(work.resultDataUid()).sha256();
        return sha256 != null && sha256.equalsIgnoreCase(Digests.sha256(zip));
    }

    /**
     * The work's result zip into {@code zip}. A result data that is gone while its work is not (its
     * owner deleted it with xwrm, or narrowed its rights) is said as such: "no data X visible to
     * you; list yours with xwdatas" alone would send the reader looking for a data they never named.
     */
    private void download(WorkView work, Path zip, boolean override) throws IOException {
        try {
            if (override) {
                data.downloadContent(work.resultDataUid(), zip);
            } else {
                data.downloadContentUnlessHeld(work.resultDataUid(), zip);
            }
        } catch (XwApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            throw new XwApiException(404, e.code(), "the result of work " + work.uid() + " (data " + work.resultDataUid()
                    + ") is no longer visible to you: it was deleted, or its rights no longer let you read it; the work"
                    + " is left on the server");
        }
    }
}
