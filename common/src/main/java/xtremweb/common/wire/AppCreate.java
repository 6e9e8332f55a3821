package xtremweb.common.wire;

/**
 * {@code POST /api/v1/apps}: inserts an app, or adds (replaces) its binary for one OS/CPU when an app
 * of that name exists. The binary is a data object uploaded beforehand. {@code accessRights}, optional,
 * may only narrow what the inserter's level gives (a STANDARD_USER cannot ask for a public app).
 * {@code replication}, optional, sets the app's replication policy (result certification) for the
 * works submitted from then on.
 */
public record AppCreate(String name, String cpu, String os, String binaryDataUid, String accessRights,
                        Replication replication) {
    /** An app without a replication policy of its own (one result per work, or the app's policy as it is). */
    public AppCreate(String name, String cpu, String os, String binaryDataUid, String accessRights) {
        this(name, cpu, os, binaryDataUid, accessRights, null);
    }

    /** An app with the rights its inserter gets by default (public for ADVANCED_USER and above, else private). */
    public AppCreate(String name, String cpu, String os, String binaryDataUid) {
        this(name, cpu, os, binaryDataUid, null);
    }

    public AppCreate {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,99}")) {
            // "letters" alone read as any letter, and 'énergie' was refused without saying why
            throw new IllegalArgumentException("an app name is 1 to 100 letters of a to z (either case), digits, '.', '_', '+'"
                    + " or '-', starting with a letter or digit; got '" + name + "'");
        }
        if (cpu == null || cpu.isBlank() || os == null || os.isBlank()) {
            throw new IllegalArgumentException("an app binary needs a CPU and an OS");
        }
        if (binaryDataUid == null || binaryDataUid.isBlank()) {
            throw new IllegalArgumentException("an app binary needs the UID of its data");
        }
    }
}
