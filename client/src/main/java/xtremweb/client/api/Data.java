package xtremweb.client.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.http.ContentsReader;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.platform.Platform;
import xtremweb.common.wire.DataContents;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.RightsChange;

/** Data objects: upload a file (resumably when large), register one that lives at a URI, download, list, delete. */
public final class Data {
    private static final Logger LOG = LoggerFactory.getLogger(Data.class);
    private static final String DATAS = Connection.API + "/datas";
    private final Connection connection;
    /** Where this part's transfers report; null: the client's ({@link XwClient#progress}). */
    private final XwHttpClient.Progress reporting;

    Data(Connection connection) {
        this(connection, null);
    }

    private Data(Connection connection, XwHttpClient.Progress reporting) {
        this.connection = connection;
        this.reporting = reporting;
    }

    /** The same calls, their transfers reported to {@code progress} (a GUI shows each transfer on its own). */
    public Data reporting(XwHttpClient.Progress progress) {
        return new Data(connection, progress);
    }

    private XwHttpClient.Progress progress() {
        return reporting != null ? reporting : connection.progress;
    }

    /**
     * Uploads a file as a data object: describes it with its size and SHA-256 (computed here, so
     * the server can refuse a damaged transfer), then streams its content.
     */
    public DataView upload(String name, String type, String os, String cpu, Path file) {
        return upload(name, type, os, cpu, file, null);
    }

    /** The same with access rights ({@code 0x700}, {@code go-rwx}...; null: public, the manual's default for data). */
    public DataView upload(String name, String type, String os, String cpu, Path file, String accessRights) {
        return upload(name, type, os, cpu, file, accessRights, uid -> { });
    }

    /** The same, telling {@code described} the data's UID as soon as the server made it, before its content goes. */
    DataView upload(String name, String type, String os, String cpu, Path file, String accessRights,
                    java.util.function.Consumer<String> described) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read the file " + file + ": " + (Files.isDirectory(file)
                    ? "it is a directory (a job's environment may be one: xwsendwork --xwenv DIR zips it)"
                    : Files.exists(file) ? "permission denied, or not a regular file" : "no such file"));
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String sha256 = Digests.sha256(file);
        DataCreate create = new DataCreate(name, type, os == null ? null : Platform.requireOs(os),
                cpu == null ? null : Platform.requireCpu(cpu), size, sha256, accessRights);
        DataView made = connection.http.postCreating(DATAS, create, DataView.class);
        described.accept(made.uid());
        LOG.debug("uploading {} ({} bytes, SHA-256 {}) as data {}", file, size, sha256, made.uid());
        if (size < Connection.RESUMABLE_FROM) {
            // Sent in one go: progress knows its start and its end.
            progress().update(0, size);
            DataView uploaded = connection.http.upload(DATAS + "/" + made.uid() + "/content", file,
                    Map.of("X-XW-SHA256", sha256), DataView.class);
            progress().update(size, size);
            return uploaded;
        }
        return uploadResuming(made.uid(), file, size);
    }

    /**
     * Sends a large file as one resumable piece; when the connection breaks, asks the server how
     * much arrived and sends the rest, a few times before giving up.
     */
    private DataView uploadResuming(String uid, Path file, long size) {
        String content = DATAS + "/" + uid + "/content";
        long offset = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return connection.http.uploadPiece(content, file, offset, size, Map.of(), DataView.class, progress());
            } catch (XwConnectException e) {
                if (attempt >= Connection.TRANSFER_ATTEMPTS) {
                    throw e;
                }
                LOG.info("upload of {} broke off ({}); resuming", file, e.getMessage());
                // All of it may have arrived before the server stopped: sending the last byte again
                // makes it record the content.
                offset = Math.min(size - 1, connection.http.get(DATAS + "/" + uid + "/upload-offset", UploadOffset.class).offset());
            }
        }
    }

    /** {@code GET /datas/{uid}/upload-offset}. */
    record UploadOffset(long offset) {
    }

    /**
     * Registers data that lives at an http(s) URI: read once here for its size and SHA-256, which
     * workers and clients check on every copy; the server stores no bytes.
     */
    public DataView registerExternal(String name, String type, String os, String cpu, String uri) {
        return registerExternal(name, type, os, cpu, uri, null);
    }

    /** The same with access rights (null: public). */
    public DataView registerExternal(String name, String type, String os, String cpu, String uri, String accessRights) {
        // Refused by the server too (400 bad-os / bad-cpu); said here before the URI is fetched.
        String normalOs = os == null ? null : Platform.requireOs(os);
        String normalCpu = cpu == null ? null : Platform.requireCpu(cpu);
        ExternalData.Measured measured = ExternalData.measure(uri);
        return connection.http.postCreating(DATAS, new DataCreate(name, type, normalOs, normalCpu, measured.size(), measured.sha256(),
                accessRights, uri), DataView.class);
    }

    /** Downloads a data wherever it lives: from this server (resuming), or from its http(s) URI. */
    public void download(DataView data, Path target) {
        if (data.uri() != null && ExternalData.isUri(data.uri())) {
            ExternalData.download(data.uri(), data.sha256(), target);
        } else {
            downloadContent(data.uid(), target);
        }
    }

    /**
     * Streams a data's content into {@code target} through a {@code .part} file, resuming where a
     * cut connection (or an earlier run) stopped, and checking the SHA-256 before the rename.
     */
    public void downloadContent(String uid, Path target) {
        connection.http.downloadResuming(DATAS + "/" + Uids.require(uid) + "/content", target, Connection.TRANSFER_ATTEMPTS,
                progress());
    }

    /**
     * As {@link #downloadContent}, but a {@code target} already holding the content stays as it is:
     * its SHA-256 goes with the request and the server answers without sending a byte (one call,
     * where reading the data's record first to compare checksums took two).
     *
     * @return false when {@code target} already held the content
     */
    public boolean downloadContentUnlessHeld(String uid, Path target) {
        return connection.http.downloadResumingUnlessHeld(DATAS + "/" + Uids.require(uid) + "/content", target,
                Connection.TRANSFER_ATTEMPTS, progress());
    }

    /**
     * Downloads the contents of several data in one call (the results of a sweep's works as they
     * end), each into its target through a {@code .part} file beside it, checked against its
     * SHA-256 before it takes the target's name. At most {@link DataContents#MAX_DATAS} a call.
     * A refusal (one of them hidden, without content, held by another server; a server older than
     * this call) is thrown as any call's, with nothing written: fetch them one by one then, each
     * refused for its own reason. Targets written before an answer broke off stay whole.
     *
     * @param targets each data's UID and the file its content goes to
     */
    public void downloadContents(Map<String, Path> targets) {
        List<String> uids = targets.keySet().stream().map(uid -> Uids.require(uid).toLowerCase(java.util.Locale.ROOT)).toList();
        Map<String, Path> byUid = new java.util.HashMap<>();
        targets.forEach((uid, path) -> byUid.put(uid.toLowerCase(java.util.Locale.ROOT), path));
        connection.http.postStreaming(DATAS + "/contents", new DataContents(uids), in -> {
            ContentsReader.read(in, uids, new ContentsReader.Sink() {
                @Override
                public java.io.OutputStream open(DataContents.Header header) throws IOException {
                    Path target = byUid.get(header.uid());
                    Files.createDirectories(target.toAbsolutePath().getParent());
                    return Files.newOutputStream(part(target));
                }

                @Override
                public void done(DataContents.Header header) throws IOException {
                    Path target = byUid.get(header.uid());
                    Files.move(part(target), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            });
            return null;
        });
    }

    private static Path part(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /** Marks a data deleted; the server removes it once no live work refers to it. */
    public void delete(String uid) {
        connection.http.delete(DATAS + "/" + Uids.require(uid));
    }

    /** Changes a data's access rights ({@code 0x750}, {@code go-rx}...): its owner or a SUPER_USER. */
    public DataView chmod(String uid, String rights) {
        return connection.http.put(DATAS + "/" + Uids.require(uid) + "/rights", new RightsChange(rights), DataView.class);
    }

    public List<DataView> list() {
        return connection.http.get(DATAS, new TypeReference<List<DataView>>() { });
    }

    public DataView get(String uid) {
        return connection.http.get(DATAS + "/" + Uids.require(uid), DataView.class);
    }
}
