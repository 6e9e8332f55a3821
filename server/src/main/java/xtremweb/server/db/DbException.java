package xtremweb.server.db;

import java.sql.SQLException;

/** A database failure, wrapped once where the SQL ran; it is a server bug or outage, never a user error. */
public final class DbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DbException(String what, SQLException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
