package xtremweb.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where data content lives: {@link LocalDataStore} (a directory under {@code path.home}, the
 * default for one server) or {@link S3DataStore} (an S3-compatible bucket that several servers of
 * one grid share). {@code data.store} in the server's configuration chooses.
 *
 * <p>Every implementation keeps the same promises. Content is received (streamed, never held
 * whole, its size and SHA-256 computed on the way) apart from the content already accepted, and
 * takes its uid's place only on {@link #accept}, durably, before the row that points at it
 * commits. A resumable upload grows piece by piece, and how much arrived is known from the store
 * itself, so a restarted server, or another server of the grid, resumes it. Housekeeping never
 * removes what an upload still writes.
 */
public interface DataStore extends AutoCloseable {

    /** Content received (size and SHA-256 known) and not yet accepted or discarded. */
    interface Received {
        long size();

        String sha256();
    }

    /** A resumable upload's size after a piece, and its content when this piece made it whole from byte 0. */
    record Appended(long size, Received whole) {
    }

    /** A resumable upload under way, and when a piece last arrived; a name that is no data uid comes with a null uid. */
    record Partial(String uid, Instant modified) {
    }

    /**
     * Streams a body as the new content of data {@code uid}, hashing it on the way. Nothing of it
     * is visible under the uid until {@link #accept}; {@link #discard} throws it away.
     */
    Received receive(String uid, InputStream in) throws IOException;

    /** Makes received content the content of {@code uid}, durably, before the caller records it. */
    void accept(Received received, String uid) throws IOException;

    /** Throws away content received and not accepted (a no-op once it was accepted). */
    void discard(Received received) throws IOException;

    /**
     * Bytes of a resumable upload received so far (0 when none started). Content that reached its
     * place but whose row was not recorded (a server killed in between) counts as all received.
     */
    long received(String uid) throws IOException;

    /**
     * Appends a piece to a resumable upload; the caller checked that {@code offset} is where it
     * stopped. A piece cut short by the network keeps what arrived; a piece refused (a runtime
     * exception from the stream: longer than it announced) is taken back whole. A piece from byte
     * 0 is hashed on the way, so a file sent whole in one piece is not read twice.
     */
    Appended append(String uid, long offset, InputStream in) throws IOException;

    /** A resumable upload whose every byte arrived, hashed from the store (its pieces came in separate requests). */
    Received completed(String uid) throws IOException;

    /**
     * Bytes {@code first .. first+length-1} of accepted content, as a stream the caller closes.
     * Content that is not there is a {@link java.nio.file.NoSuchFileException}, raised before any
     * byte is sent.
     */
    InputStream read(String uid, long first, long length) throws IOException;

    /** Removes the content of {@code uid} and any resumable upload of it. */
    void delete(String uid) throws IOException;

    /** The resumable uploads under way. */
    List<Partial> partials() throws IOException;

    /** Removes a resumable upload unless a request is writing it; true when it was removed. */
    boolean removePartialIfIdle(Partial partial);

    /**
     * Removes received content that no request will accept: left by a killed server, or by an upload
     * that failed in a way that skipped its cleanup. A store that several servers share only removes
     * what got no byte since {@code idleSince}, since another server may be receiving it. Returns
     * how many it removed.
     */
    int removeAbandonedTemps(Instant idleSince) throws IOException;

    /** Removes resumable-upload garbage whose name is no data uid; returns how many. */
    int removeStrayPartials() throws IOException;

    /** Room left for content in bytes, -1 when it cannot be told. */
    long usableBytes();

    /**
     * What a failed write means for the caller, completing "the server cannot write its ...":
     * the data disk, or the object store.
     */
    String unwritable();

    /**
     * Whether every server of the grid reads this store (object storage): then no server is the
     * holder of a data's bytes. A local directory is this server's own.
     */
    default boolean shared() {
        return false;
    }

    @Override
    default void close() {
    }
}
