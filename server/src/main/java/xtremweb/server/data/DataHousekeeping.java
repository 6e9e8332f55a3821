package xtremweb.server.data;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.model.DataStatus;
import xtremweb.server.db.Jdbc;

/**
 * Removes data that was deleted and that no live work (stdin, env, result) and no app binary
 * refers to any more: the row first, by a conditional DELETE, then the bytes. Several servers may
 * sweep at once; the one whose DELETE removes the row deletes the file.
 *
 * <p>Also removes what interrupted uploads leave behind ({@link #removeAbandonedUploads}), at
 * start and on every pass: temp files no request holds, and resumable partials whose data is gone,
 * already has its content, or got no piece for {@code data.resumeHours}.
 */
public final class DataHousekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(DataHousekeeping.class);
    private static final int BATCH = 500;
    private final Jdbc jdbc;
    private final DataRepository datas;
    private final DataStore store;
    private final Clock clock;
    private final Duration resumeWindow;

    public DataHousekeeping(Jdbc jdbc, DataRepository datas, DataStore store) {
        this(jdbc, datas, store, Clock.systemUTC(), DEFAULT_RESUME_WINDOW);
    }

    /** Partials of resumable uploads are kept for {@code resumeWindow} after their last piece. */
    public DataHousekeeping(Jdbc jdbc, DataRepository datas, DataStore store, Clock clock, Duration resumeWindow) {
        this.jdbc = jdbc;
        this.datas = datas;
        this.store = store;
        this.clock = clock;
        this.resumeWindow = resumeWindow;
    }

    /** How long a resumable upload may pause before its partial file goes ({@code data.resumeHours}). */
    public static final Duration DEFAULT_RESUME_WINDOW = Duration.ofHours(24);

    /**
     * Removes upload files that no upload will finish: every temp file no request holds (at start,
     * all of them), and the partial of a resumable upload whose data is deleted or already has
     * its content, or that got no piece within the resume window. Returns how many files went.
     */
    public int removeAbandonedUploads() {
        int removed;
        try {
            Instant oldest = clock.instant().minus(resumeWindow);
            removed = store.removeAbandonedTemps(oldest) + store.removeStrayPartials();
            for (DataStore.Partial partial : store.partials()) {
                if (partial.uid() == null) {
                    continue;
                }
                boolean abandoned = partial.modified().isBefore(oldest) || jdbc.tx("resumable data", c -> datas.liveByUid(c, partial.uid()))
                        .filter(d -> d.status() == DataStatus.UNAVAILABLE).isEmpty();
                if (abandoned && store.removePartialIfIdle(partial)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("could not look for abandoned uploads in the data store: {}", e.getMessage());
            return 0;
        }
        if (removed > 0) {
            LOG.info("removed {} upload files that no upload will finish (killed or abandoned uploads)", removed);
        }
        return removed;
    }

    /** One pass; returns how many data it removed. */
    public int sweepOnce() {
        removeAbandonedUploads();
        List<String> candidates = jdbc.tx("sweepable datas", c -> datas.sweepable(c, BATCH));
        int removed = 0;
        for (String uid : candidates) {
            if (jdbc.tx("remove data", c -> datas.removeIfSweepable(c, uid))) {
                try {
                    store.delete(uid);
                    removed++;
                } catch (IOException e) {
                    LOG.warn("data {} was removed from the database but its file could not be deleted: {}", uid, e.getMessage());
                }
            }
        }
        if (removed > 0) {
            LOG.info("housekeeping removed {} unreferenced deleted data", removed);
        }
        return removed;
    }
}
