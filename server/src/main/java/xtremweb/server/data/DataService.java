package xtremweb.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import xtremweb.common.model.DataStatus;
import xtremweb.common.platform.Platform;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.server.db.Jdbc;
import xtremweb.server.http.ApiException;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Action;
import xtremweb.server.policy.Rights;
import xtremweb.server.policy.Caller;

/** Creating data, receiving and serving its content, with the access policy applied. */
public final class DataService {
    private static final int LIST_LIMIT = 1000;
    private final Jdbc jdbc;
    private final DataRepository datas;
    private final DataStore store;
    private final AccessPolicy policy;
    private final Clock clock;
    private final String uriPrefix;

    public DataService(Jdbc jdbc, DataRepository datas, DataStore store, AccessPolicy policy, Clock clock, String uriPrefix) {
        this.jdbc = jdbc;
        this.datas = datas;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.uriPrefix = uriPrefix;
    }

    public DataView view(DataRow row) {
        return row.view(uriPrefix);
    }

    public DataRow create(Caller caller, DataCreate request) {
        if (!policy.maySubmit(caller)) {
            throw ApiException.forbidden("a " + caller.rights() + " account cannot insert data; use a STANDARD_USER account");
        }
        AccessRights rights = policy.dataRights(request.accessRights() == null ? null
                : Rights.apply(AccessRights.PUBLIC, request.accessRights()));
        DataRow row = new DataRow(UUID.randomUUID().toString(), request.name(), request.type(),
                request.os() == null ? null : Platform.normaliseOs(request.os()),
                request.cpu() == null ? null : Platform.normaliseCpu(request.cpu()),
                null, null, request.size(), request.sha256(), DataStatus.UNAVAILABLE, rights, caller.userUid(),
                caller.usergroupUid(), clock.instant());
        jdbc.tx("insert data", c -> {
            datas.insert(c, row);
            return null;
        });
        return row;
    }

    public Optional<DataRow> find(String uid) {
        return jdbc.tx("find data", c -> datas.byUid(c, uid));
    }

    /** The data if the caller may read it; 404 otherwise, so hidden data looks absent. */
    public DataRow readable(Caller caller, String uid) {
        return find(uid).filter(d -> policy.mayRead(caller, d.owned())).orElseThrow(() ->
                ApiException.notFound("data-not-found", "no data " + uid + " visible to you; list yours with xwdatas"));
    }

    public List<DataRow> list(Caller caller) {
        return jdbc.tx("list datas", c -> datas.recent(c, LIST_LIMIT)).stream()
                .filter(d -> policy.mayRead(caller, d.owned())).toList();
    }

    public DataRow upload(Caller caller, String uid, InputStream body) throws IOException {
        DataRow data = readable(caller, uid);
        if (!policy.mayWrite(caller, data.owned())) {
            throw ApiException.forbidden("you may not write data " + uid + "; only its owner can upload its content");
        }
        if (data.status() == DataStatus.AVAILABLE) {
            throw ApiException.conflict("data " + uid + " already has its content; insert a new data to change it");
        }
        DataStore.Received received = store.receive(body);
        if ((data.declaredSize() != null && data.declaredSize() != received.size())
                || (data.declaredSha256() != null && !data.declaredSha256().equals(received.sha256()))) {
            store.discard(received);
            throw ApiException.unprocessable("checksum-mismatch", "received " + received.size() + " bytes with SHA-256 "
                    + received.sha256() + " but the data declares " + data.declaredSize() + " bytes and SHA-256 "
                    + data.declaredSha256() + "; upload the right file again");
        }
        store.accept(received, uid);
        boolean won = jdbc.tx("record content", c -> datas.markAvailable(c, uid, received.size(), received.sha256()));
        if (!won) {
            throw ApiException.conflict("data " + uid + " got its content from another upload meanwhile");
        }
        return find(uid).orElseThrow();
    }

    /** chmod: owner or SUPER_USER; numeric rights or a symbolic mode applied to the current ones. */
    public DataRow chmod(Caller caller, String uid, String mode) {
        DataRow data = readable(caller, uid);
        if (!policy.may(caller, Action.CHMOD, data.owned())) {
            throw ApiException.forbidden("only the owner of data " + uid + " (or a SUPER_USER) may change its rights");
        }
        AccessRights rights = Rights.apply(data.rights(), mode);
        jdbc.tx("chmod data", c -> datas.setRights(c, uid, rights));
        return find(uid).orElseThrow();
    }

    /** Marks the data deleted (kept in history); owner or SUPER_USER only. */
    public void delete(Caller caller, String uid) {
        DataRow data = readable(caller, uid);
        if (!policy.may(caller, Action.DELETE, data.owned())) {
            throw ApiException.forbidden("only the owner of data " + uid + " (or a SUPER_USER) may delete it");
        }
        jdbc.tx("delete data", c -> datas.markDeleted(c, uid));
    }

    public DataStore store() {
        return store;
    }
}
