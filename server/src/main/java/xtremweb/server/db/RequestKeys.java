package xtremweb.server.db;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import xtremweb.server.refusal.InvalidInput;

/**
 * The {@code Idempotency-Key} a client sends with a request that creates objects (a work, a sweep,
 * a data), the same on every retry of that request, so that a retry whose first answer was lost
 * creates nothing twice. The objects created keep their key ({@code request_key}, unique per owner
 * with the owner's UID): a repeated request fails on its own INSERT, with no extra statement for
 * requests that are not repeated, and whichever server of the grid takes the retry, even after a
 * restart, finds what the first one created in the shared database.
 */
public final class RequestKeys {
    public static final String HEADER = "Idempotency-Key";
    /** Letters, digits and {@code . _ : -}, at most 64 (a UUID is 36): room for "/index" in the 80 characters of the column. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestKeys() {
    }

    /** The key the request carries, or null when it carries none; one of another shape is refused (400 {@code bad-idempotency-key}). */
    public static String checked(Optional<String> header) {
        if (header.isEmpty()) {
            return null;
        }
        String key = header.get().trim();
        if (!SHAPE.matcher(key).matches()) {
            throw new InvalidInput("bad-idempotency-key", HEADER + " must be 1 to 64 letters, digits, '.', '_', ':' or '-'"
                    + " (a UUID, say), not '" + (key.length() > 80 ? key.substring(0, 80) + "..." : key) + "'");
        }
        return key;
    }

    /**
     * The keys the objects of one request keep, {@code key/0} to {@code key/(count-1)} in the
     * request's order (the jobs of a sweep); null when the request has no key.
     */
    public static List<String> ofObjects(String key, int count) {
        if (key == null) {
            return null;
        }
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(key + "/" + i);
        }
        return keys;
    }

    /**
     * Whether the database refused the insert over a unique key (SQLState class 23): with a request
     * key, most likely the key already kept by what the same request created before.
     */
    public static boolean taken(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
