package xtremweb.client.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import xtremweb.common.http.XwApiException;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.AppDeletion;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.RightsChange;

/**
 * Objects named by a bare UID (or {@code xw://} URI) whose kind is not known, as {@code xwchmod}
 * and {@code xwrm} take them: each kind is tried in turn until the server knows the UID. An app may
 * also be named by its name, as xwsendwork takes it.
 */
public final class AnyKind {
    /** The kinds of objects a UID may name, in the order they are looked for. */
    private static final List<String> COLLECTIONS = List.of("works", "datas", "apps", "sessions", "groups", "users", "usergroups");
    private final Connection connection;

    AnyKind(Connection connection) {
        this.connection = connection;
    }

    /**
     * Changes the access rights of the work, data, app, session or group with this UID (or xw://
     * URI); returns the kind found and its new rights, e.g. {@code "work 0x750"}.
     */
    public String chmod(String uidOrUri, String rights) {
        String uid;
        try {
            uid = uidOrAppUid(uidOrUri);
        } catch (XwApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            // A name is taken for an app's only (whose rights never change): a data's name, say, read
            // "nor the name of an app visible to you; list apps with xwapps", which sent one to the wrong list.
            throw new XwApiException(404, e.code(), "'" + uidOrUri + "' is not a UID (like 0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59)"
                    + " nor an xw:// URI; xwchmod takes the UID of a work, data, session or group (xwworks, xwdatas,"
                    + " xwsessions, xwgroups list them)");
        }
        boolean appByName = Uids.parse(uidOrUri).isEmpty();
        for (String collection : appByName ? List.of("apps") : COLLECTIONS.subList(0, 5)) {
            try {
                Map<?, ?> changed = connection.http.put(Connection.API + "/" + collection + "/" + uid + "/rights",
                        new RightsChange(rights), Map.class);
                return singular(collection) + " " + changed.get("accessRights");
            } catch (XwApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        // A user or user group has no access rights (its RIGHTS level is given when it is created):
        // say what the UID is rather than that nothing has it.
        for (String collection : appByName ? List.<String>of() : COLLECTIONS.subList(5, 7)) {
            Map<?, ?> found;
            try {
                found = connection.http.get(Connection.API + "/" + collection + "/" + uid, Map.class);
            } catch (XwApiException e) {
                if (e.status() != 404 && e.status() != 403) {
                    throw e;
                }
                continue;
            }
            Object name = found.get(collection.equals("users") ? "login" : "label");
            throw new XwApiException(400, "no-access-rights", uid + " is " + singular(collection) + " '" + name
                    + "': users and user groups have no access rights to change (a user's level, like STANDARD_USER,"
                    + " is given by xwsenduser); xwchmod changes those of works, data, apps, sessions and groups");
        }
        throw new XwApiException(404, "not-found", "no work, data, app, session or group " + uid + " visible to you");
    }

    /**
     * Deletes the object with this UID (or xw:// URI), whatever its kind; returns what was done, e.g.
     * {@code "work deleted"}, or for an app whose works no worker had started, that they ended with it.
     */
    public String remove(String uidOrUri) {
        String uid;
        try {
            uid = uidOrAppUid(uidOrUri);
        } catch (XwApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            // xwrm removes users and user groups too, but by UID only: a login or a label might name
            // another object than the one meant, and a removal is not undone.
            throw new XwApiException(404, e.code(), e.getMessage() + "; remove a user or user group by its UID"
                    + " (xwusers, xwusergroups list them)");
        }
        // an app named by its name is an app: no other kind is asked about its UID
        for (String collection : Uids.parse(uidOrUri).isEmpty() ? List.of("apps") : COLLECTIONS) {
            try {
                if (collection.equals("apps")) {
                    List<String> binaries = connection.http.get(Connection.API + "/apps/" + uid, AppView.class).binaries()
                            .stream().map(AppBinary::dataUid).distinct().toList();
                    AppDeletion app = connection.http.delete(Connection.API + "/apps/" + uid, AppDeletion.class);
                    int ended = app == null ? 0 : app.worksEnded();
                    return "app deleted" + (ended == 0 ? "" : "; " + ended + (ended == 1 ? " work" : " works")
                            + " that no worker had started ended in ERROR with it (xwworks lists them)")
                            + binariesLeft(binaries);
                }
                connection.http.delete(Connection.API + "/" + collection + "/" + uid);
                return singular(collection) + " deleted";
            } catch (XwApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        throw new XwApiException(404, "not-found", "no work, data, app, session, group, user or user group " + uid
                + " visible to you");
    }

    /**
     * A deleted app's binaries stay data of their own (a work already running may still fetch its
     * binary, and another app may share it), counted in their owner's quota: said, with how to
     * remove them, instead of left for the user to find in xwdatas.
     */
    private static String binariesLeft(List<String> dataUids) {
        if (dataUids.isEmpty()) {
            return "";
        }
        return "; its " + (dataUids.size() == 1 ? "binary stays as data " : "binaries stay as data ") + String.join(" ", dataUids)
                + " (xwrm " + (dataUids.size() == 1 ? "it" : "them") + " to free the space, once no work of the app runs)";
    }

    /**
     * The UID in {@code text}, or else the UID of the app of that name the caller may see (xwsendwork
     * takes an app by name; xwrm and xwchmod do too). Names differ from one app to another in any
     * case; should a server still hold two visible apps whose names differ only by case, their UIDs
     * are listed rather than one picked.
     */
    private String uidOrAppUid(String text) {
        Optional<String> uid = Uids.parse(text);
        if (uid.isPresent()) {
            return uid.get();
        }
        String name = text.strip();
        if (name.isEmpty() || name.contains("/")) {
            return Uids.require(text);
        }
        List<AppView> apps = connection.http.get(Connection.API + "/apps", new TypeReference<List<AppView>>() { });
        List<AppView> exact = apps.stream().filter(a -> name.equals(a.name())).toList();
        List<AppView> named = exact.isEmpty()
                ? apps.stream().filter(a -> name.equalsIgnoreCase(a.name())).toList() : exact;
        if (named.size() == 1) {
            return named.get(0).uid();
        }
        if (named.isEmpty()) {
            throw new XwApiException(404, "not-found", "'" + text + "' is not a UID (like 0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59),"
                    + " an xw:// URI, nor the name of an app visible to you; list apps with xwapps");
        }
        throw new XwApiException(409, "ambiguous-name", "'" + text + "' names " + named.size() + " apps visible to you ("
                + named.stream().map(a -> a.name() + " " + a.uid()).collect(Collectors.joining(", "))
                + "); give the UID of the one you mean");
    }

    private static String singular(String collection) {
        return switch (collection) {
            case "datas" -> "data";
            case "usergroups" -> "user group";
            default -> collection.substring(0, collection.length() - 1);
        };
    }
}
