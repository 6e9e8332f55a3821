package xtremweb.server.db;

import xtremweb.server.refusal.InvalidInput;

/**
 * The text columns that hold what callers send, with their lengths in the migrations
 * ({@code VARCHAR(n)}). Services check input against them before any SQL, so an over-long or
 * unstorable string is a 400 naming the field and its limit, never a database error.
 * {@code ColumnTest} holds these lengths equal to the schema.
 */
public enum Column {
    DATA_NAME("datas", "name", 255),
    DATA_TYPE("datas", "type", 50),
    DATA_OS("datas", "os", 50),
    DATA_CPU("datas", "cpu", 50),
    DATA_URI("datas", "external_uri", 1000),
    APP_NAME("apps", "name", 100),
    BINARY_OS("app_binaries", "os", 50),
    BINARY_CPU("app_binaries", "cpu", 50),
    WORK_LABEL("works", "label", 255),
    WORK_ERROR("works", "error_message", 1000),
    HOST_NAME("hosts", "name", 255),
    HOST_OS("hosts", "os", 50),
    HOST_CPU("hosts", "cpu", 50),
    HOST_JAVA_VERSION("hosts", "java_version", 50),
    HOST_PILOT_JOB("hosts", "pilot_job", 100),
    PILOT_CLUSTER("pilot_grants", "cluster", 100),
    USER_LOGIN("users", "login", 100),
    USER_EMAIL("users", "email", 255),
    USER_DN("users", "dn", 512),
    USERGROUP_NAME("usergroups", "name", 100),
    SESSION_NAME("sessions", "name", 100),
    GROUP_NAME("workgroups", "name", 100);

    private final String table;
    private final String column;
    private final int maxChars;

    Column(String table, String column, int maxChars) {
        this.table = table;
        this.column = column;
        this.maxChars = maxChars;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }

    public int maxChars() {
        return maxChars;
    }

    /**
     * A name, label or identifier-like value ({@code field} as the API calls it): at most the column's
     * length, and no control character (a name with a newline or a NUL only ever misleads). Null passes.
     */
    public String name(String field, String value) {
        return check(field, value, false);
    }

    /** Free text meant for people (a task's error reason): line breaks and tabs are fine. Null passes. */
    public String text(String field, String value) {
        return check(field, value, true);
    }

    private String check(String field, String value, boolean lines) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxChars) {
            throw new InvalidInput("field '" + field + "' is " + value.length() + " characters long; at most " + maxChars
                    + " are allowed");
        }
        requirePrintable(field, value, lines);
        return value;
    }

    /**
     * Refuses control characters (a newline forging a log line, an ESC driving an administrator's
     * terminal, a NUL) and half surrogate pairs, whatever the length; {@code lines} lets line breaks
     * and tabs through. Null passes.
     */
    public static String requirePrintable(String field, String value, boolean lines) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(lines && (c == '\n' || c == '\r' || c == '\t'))) {
                throw new InvalidInput("field '" + field + "' contains a control character (U+" + String.format("%04X", (int) c)
                        + " at position " + i + "); remove it");
            }
        }
        requireValidUnicode(field, value);
        return value;
    }

    /** Refuses half of a UTF-16 surrogate pair (a JSON escape can make one): no database stores it. */
    public static void requireValidUnicode(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw new InvalidInput("field '" + field + "' contains half of a UTF-16 surrogate pair (at position " + i
                            + "), which cannot be stored; send valid Unicode");
                }
                i++;
            }
        }
    }
}
