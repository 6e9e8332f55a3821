package xtremweb.server.data;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.server.db.Jdbc;

/**
 * Removes data that was deleted and that no live work (stdin, env, result) and no app binary
 * refers to any more: the row first, by a conditional DELETE, then the bytes. Several servers may
 * sweep at once; the one whose DELETE removes the row deletes the file.
 */
public final class DataHousekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(DataHousekeeping.class);
    private static final int BATCH = 500;
    private final Jdbc jdbc;
    private final DataRepository datas;
    private final DataStore store;

    public DataHousekeeping(Jdbc jdbc, DataRepository datas, DataStore store) {
        this.jdbc = jdbc;
        this.datas = datas;
        this.store = store;
    }

    /** One pass; returns how many data it removed. */
    public int sweepOnce() {
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
