package xtremweb.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's cache, which {@code --xwclean} empties: the partial downloads ({@code NAME.part})
 * that an interrupted {@code xwdownload} or {@code xwresult} leaves beside its target so that the
 * next run resumes it, and the content tag each one remembers beside it ({@code NAME.part.etag}, so
 * that a content changed on the server restarts the download). The client keeps nothing else on
 * disk: no token, no copy of data or results (results and downloaded files are the user's, not a cache).
 */
final class ClientCache {
    static final String PARTIAL_SUFFIX = ".part";
    /** Beside a partial download, the ETag of the content it is a part of (see RangedDownload). */
    static final String TAG_SUFFIX = PARTIAL_SUFFIX + ".etag";

    private ClientCache() {
    }

    /**
     * Deletes the partial downloads directly in {@code dir} (not below it), with their remembered
     * tags (also a tag whose partial is gone already); returns what was removed.
     */
    static List<Path> clean(Path dir) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(dir,
                path -> path.getFileName().toString().endsWith(PARTIAL_SUFFIX)
                        || path.getFileName().toString().endsWith(TAG_SUFFIX))) {
            for (Path partial : partials) {
                // a link or a directory named *.part is not something the client wrote
                if (Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(partial);
                    removed.add(partial);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the client cache in " + dir + ": " + e.getMessage(), e);
        }
        removed.sort(null);
        return removed;
    }
}
