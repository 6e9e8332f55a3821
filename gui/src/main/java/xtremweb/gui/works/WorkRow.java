package xtremweb.gui.works;

import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkView;
import xtremweb.gui.look.Tone;
import xtremweb.gui.table.Badge;

/**
 * A row of the works table, made off the event thread: the work, and what the table shows of it
 * that the work alone does not say (the host that ran it, its session's and group's names).
 */
record WorkRow(WorkView work, String host, String session, String group) {
    /** The status, with the reason of an ERROR when the pointer rests on it. */
    Badge status() {
        Badge badge = badge(work.status());
        return work.errorMessage() == null ? badge : new Badge(badge.text(), badge.tone(), badge.rank(), work.errorMessage());
    }

    static Badge badge(WorkStatus status) {
        return switch (status) {
            case PENDING -> new Badge("PENDING", Tone.WAITING, 0);
            case RUNNING -> new Badge("RUNNING", Tone.ACTIVE, 1);
            case DATAREQUEST -> new Badge("UPLOADING", Tone.ACTIVE, 2);
            case COMPLETED -> new Badge("COMPLETED", Tone.GOOD, 3);
            case ERROR -> new Badge("ERROR", Tone.BAD, 4);
        };
    }

    /**
     * Who submitted it: the login the server names (an administrator sees every user's works), else
     * the first block of the owner's UID (a server from before works carried logins).
     */
    String owner() {
        if (work.ownerLogin() != null) {
            return work.ownerLogin();
        }
        String uid = work.ownerUid() == null ? "" : work.ownerUid();
        int dash = uid.indexOf('-');
        return dash > 0 ? uid.substring(0, dash) : uid;
    }

    /** The exit code, shown only once there is one. */
    Integer exitCode() {
        return work.exitCode();
    }

    /** Whether {@code text} appears in what a person would search for: label, app, arguments, UID, host, owner. */
    boolean matches(String text) {
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        return contains(work.label(), needle) || contains(work.appName(), needle) || contains(work.uid(), needle)
                || contains(host, needle) || contains(work.ownerLogin(), needle) || contains(String.join(" ", work.args()), needle)
                || contains(work.errorMessage(), needle);
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(java.util.Locale.ROOT).contains(needle);
    }
}
