package xtremweb.client.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.List;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.platform.Platform;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppDeletion;
import xtremweb.common.wire.Replication;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataView;

/** Apps: insert a binary for an OS and CPU, list, look up. */
public final class Apps {
    private static final String APPS = Connection.API + "/apps";
    private final Connection connection;
    private final Data data;

    Apps(Connection connection, Data data) {
        this.connection = connection;
        this.data = data;
    }

    /** Uploads a binary and inserts it as the app's binary for that OS and CPU. */
    public AppView insert(String name, String cpu, String os, Path binary) {
        return insert(name, cpu, os, binary, null);
    }

    /**
     * The same with access rights that narrow what the inserter's level gives (e.g. {@code 0x750}, a
     * group app, by an ADVANCED_USER); null takes that default. The binary's data gets the app's
     * rights (the server sets them); a refused app's binary is deleted again.
     */
    public AppView insert(String name, String cpu, String os, Path binary, String accessRights) {
        return insert(name, cpu, os, binary, accessRights, null);
    }

    /** The same with a replication policy (result certification); null keeps the app's, or one result per work. */
    public AppView insert(String name, String cpu, String os, Path binary, String accessRights, Replication replication) {
        // The server refuses them too; said here before a possibly large upload.
        String normalCpu = Platform.requireCpu(cpu);
        String normalOs = Platform.requireOs(os);
        // Validate the app before uploading a possibly large binary.
        new AppCreate(name, normalCpu, normalOs, "pending", accessRights);
        if (java.nio.file.Files.isDirectory(binary)) {
            // Data.upload's word on a directory is about a job's environment, which an app has not.
            throw new IllegalArgumentException("cannot read the file " + binary + ": it is a directory; give the app's"
                    + " executable file (a script or a program built for " + normalOs + "/" + normalCpu + ")");
        }
        // Private until the server gives it the app's rights: a binary is never public for a moment
        // because its app turns out private.
        try (BinaryAwaitingItsApp guard = new BinaryAwaitingItsApp(data, name, uid -> usesBinary(name, uid))) {
            DataView uploaded = data.upload(name, "BINARY", normalOs, normalCpu, binary,
                    accessRights == null ? "0x700" : accessRights, guard.described());
            guard.creationSent();
            return create(new AppCreate(name, normalCpu, normalOs, uploaded.uid(), accessRights, replication));
        }
    }

    /** Whether the app of that name exists with that binary; false when there is no such app. */
    private boolean usesBinary(String name, String binaryUid) {
        try {
            return get(name).binaries().stream().anyMatch(b -> binaryUid.equals(b.dataUid()));
        } catch (XwApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    private AppView create(AppCreate app) {
        try {
            return connection.http.postCreating(APPS, app, AppView.class);
        } catch (XwApiException refused) {
            // Refused (rights, another user's app...): no binary is left behind as a stray data. Only
            // on the server's answer: after a lost connection the app may exist with this binary.
            if (refused.status() >= 400 && refused.status() < 500) {
                try {
                    data.delete(app.binaryDataUid());
                } catch (RuntimeException notDeleted) {
                    refused.addSuppressed(notDeleted);
                }
            }
            throw refused;
        }
    }

    /**
     * Inserts a data already on the server (the manual's "URI to binary": its UID or {@code xw://}
     * URI) as the app's binary for that OS and CPU; nothing is uploaded. The server checks that the
     * caller may read it and that its content arrived.
     */
    public AppView insertExisting(String name, String cpu, String os, String binaryDataUid, String accessRights,
                                  Replication replication) {
        String normalCpu = Platform.requireCpu(cpu);
        String normalOs = Platform.requireOs(os);
        return connection.http.postCreating(APPS, new AppCreate(name, normalCpu, normalOs, binaryDataUid, accessRights, replication),
                AppView.class);
    }

    public List<AppView> list() {
        return connection.http.get(APPS, new TypeReference<List<AppView>>() { });
    }

    public AppView get(String uidOrName) {
        return connection.http.get(APPS + "/" + Connection.segment(uidOrName), AppView.class);
    }

    /**
     * Marks an app deleted (its name is never reused); its owner or a SUPER_USER. Returns how many of
     * its works, that no worker had started, ended in ERROR with it (0 from a server that does not say).
     */
    public int delete(String uidOrName) {
        AppDeletion deleted = connection.http.delete(APPS + "/" + Connection.segment(uidOrName), AppDeletion.class);
        return deleted == null ? 0 : deleted.worksEnded();
    }

    /** The same calls, the binaries' uploads reported to {@code progress}. */
    public Apps reporting(XwHttpClient.Progress progress) {
        return new Apps(connection, data.reporting(progress));
    }
}
