package xtremweb.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import xtremweb.common.model.DataStatus;
import xtremweb.common.model.Uid;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.DataContents;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.server.db.Column;
import xtremweb.server.db.DbException;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.RequestKeys;
import xtremweb.server.db.Writes;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Action;
import xtremweb.server.policy.Caller;
import xtremweb.server.policy.Rights;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.Elsewhere;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.InvalidInput;
import xtremweb.server.refusal.NotFound;
import xtremweb.server.refusal.StorageFull;
import xtremweb.server.refusal.TooLarge;
import xtremweb.server.refusal.Unavailable;
import xtremweb.server.refusal.Unprocessable;

/** Creating data, receiving and serving its content, with the access policy applied. */
public final class DataService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DataService.class);
    private static final int LIST_LIMIT = 1000;
    private final Jdbc jdbc;
    private final DataRepository datas;
    private final DataStore store;
    private final AccessPolicy policy;
    private final Clock clock;
    private final String uriPrefix;
    private final String self;
    private final DataLimits limits;

    public DataService(Jdbc jdbc, DataRepository datas, DataStore store, AccessPolicy policy, Clock clock, String uriPrefix) {
        this(jdbc, datas, store, policy, clock, uriPrefix, DataLimits.NONE);
    }

    public DataService(Jdbc jdbc, DataRepository datas, DataStore store, AccessPolicy policy, Clock clock, String uriPrefix,
                       DataLimits limits) {
        this.limits = limits;
        this.jdbc = jdbc;
        this.datas = datas;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.uriPrefix = uriPrefix;
        this.self = "https://" + java.net.URI.create(uriPrefix).getRawAuthority();
    }

    /** This server's address ({@code https://host:port}, from server.names and port.https): what a data's holder names. */
    public String self() {
        return self;
    }

    /**
     * The address to record as the holder of bytes this server stores now: none when the store is
     * shared by every server of the grid (object storage), whichever server took them.
     */
    public String holderOfNewContent() {
        return store.shared() ? null : self;
    }

    /**
     * A data's bytes from {@code first}, opened (by the answer, before any header is sent) from this server's store.
     * With several servers each keeping data in its own directory, bytes another server took are
     * answered 421 naming that server (clients and workers follow it); bytes that should be here but
     * are not are this server's failure, said as such (503), never a broken connection.
     */
    public InputStream content(DataRow data, long first, long length) throws IOException {
        try {
            return store.read(data.uid(), first, length);
        } catch (NoSuchFileException e) {
            throw notHere(data);
        }
    }

    private RuntimeException notHere(DataRow data) {
        if (data.holder() != null && !data.holder().equals(self)) {
            return new Elsewhere(data.holder(), "the bytes of data " + data.uid() + " are held by the server at "
                    + data.holder() + ", not by this one (" + self + "): each server of this grid keeps data in its"
                    + " own directory; ask " + data.holder());
        }
        return new Unavailable("data-missing", null, "this server (" + self + ") should hold the bytes of data " + data.uid()
                + " but its " + (store.shared() ? "data store" : "data directory") + " has none; they were lost or it changed: tell the"
                + " administrator, and upload the data again if it cannot be restored");
    }

    public DataView view(DataRow row) {
        return row.view(uriPrefix);
    }

    public DataRow create(Caller caller, DataCreate request) {
        return create(caller, request, null);
    }

    /**
     * The same, for a request named by {@code requestKey} ({@code Idempotency-Key}; null: none): the
     * data keeps {@code key/0}, unique for its owner, so the same request sent again (its answer was
     * lost) fails on the INSERT and is answered with the data the first one created; the same key
     * with another description is refused (422 {@code idempotency-key-reused}).
     */
    public DataRow create(Caller caller, DataCreate request, String requestKey) {
        if (!policy.maySubmit(caller)) {
            throw new Forbidden(policy.whyNoSubmit(caller, "data"));
        }
        Column.DATA_NAME.name("name", request.name());
        Column.DATA_TYPE.name("type", request.type());
        Column.DATA_OS.name("os", request.os());
        Column.DATA_CPU.name("cpu", request.cpu());
        Column.DATA_URI.name("uri", request.uri());
        AccessRights rights = policy.dataRights(request.accessRights() == null ? null
                : Rights.apply(AccessRights.PUBLIC, request.accessRights()));
        DataRow row = new DataRow(UUID.randomUUID().toString(), request.name(), request.type(),
                request.os() == null ? null : PlatformNames.os(request.os()),
                request.cpu() == null ? null : PlatformNames.cpu(request.cpu()),
                request.uri() == null ? null : request.size(), request.uri() == null ? null : request.sha256(),
                request.size(), request.sha256(), request.uri() == null ? DataStatus.UNAVAILABLE : DataStatus.AVAILABLE,
                rights, caller.userUid(), caller.usergroupUid(), clock.instant(), request.uri());
        if (request.size() != null && request.uri() == null) {
            refuseOverLimits(caller.userUid(), null, request.name(), request.size());
        }
        String key = requestKey == null ? null : RequestKeys.ofObjects(requestKey, 1).get(0);
        try {
            jdbc.tx("insert data", c -> {
                datas.insert(Writes.on(c), row, key);
                return null;
            });
        } catch (DbException e) {
            if (key == null || !RequestKeys.taken(e)) {
                throw e;
            }
            return repeated(caller, requestKey, key, row, e);
        }
        return row;
    }

    /** The data a request named {@code requestKey} created before, for its repetition: the same description asked again. */
    private DataRow repeated(Caller caller, String requestKey, String key, DataRow asked, DbException refusal) {
        DataRepository.Keyed earlier = jdbc.tx("find data of a repeated request", c -> datas.byRequestKey(c, caller.userUid(), key))
                .orElseThrow(() -> refusal);
        DataRow first = earlier.data();
        boolean same = java.util.Objects.equals(first.name(), asked.name()) && java.util.Objects.equals(first.type(), asked.type())
                && java.util.Objects.equals(first.os(), asked.os()) && java.util.Objects.equals(first.cpu(), asked.cpu())
                && java.util.Objects.equals(first.declaredSize(), asked.declaredSize())
                && java.util.Objects.equals(first.declaredSha256(), asked.declaredSha256())
                && first.rights().equals(asked.rights()) && java.util.Objects.equals(first.externalUri(), asked.externalUri());
        if (!same) {
            throw new Unprocessable("idempotency-key-reused", RequestKeys.HEADER + " " + requestKey + " already named another"
                    + " request of yours, which inserted data " + first.uid() + " ('" + first.name() + "'), not this one; a new"
                    + " request needs a new key (the client library makes one per request)");
        }
        if (earlier.deleted()) {
            throw new Conflict("data-deleted", "this request was taken before: it inserted data " + first.uid()
                    + ", which was deleted since; send the request again with a new key to insert it again");
        }
        LOG.info("request {} of {} repeated (its answer was lost): answered with data {} it inserted, none inserted again",
                requestKey, caller.login(), first.uid());
        return first;
    }

    public Optional<DataRow> find(String uid) {
        return jdbc.tx("find data", c -> datas.byUid(c, uid));
    }

    /** The data if the caller may read it; 404 otherwise, so hidden data looks absent. */
    public DataRow readable(Caller caller, String uid) {
        return jdbc.tx("find data", c -> datas.liveByUid(c, uid)).filter(d -> policy.mayRead(caller, d.owned())).orElseThrow(() ->
                new NotFound("data-not-found", "no data " + uid + " visible to you; list yours with xwdatas"));
    }

    /**
     * A data the caller may read and whose content is in (uploaded, or living at a URI), to be the
     * {@code role} of a work or app ("stdin", "binary"...). A data left UNAVAILABLE by an upload cut
     * short would only fail later, on a worker, with a reason about checksums: refused here (409).
     */
    public DataRow readableWithContent(Caller caller, String uid, String role) {
        DataRow data = readable(caller, uid);
        if (data.status() != DataStatus.AVAILABLE) {
            throw new Conflict("data " + data.uid() + " ('" + data.name() + "'), given as " + role
                    + ", has no content yet: its upload did not finish; send the file again with xwsenddata");
        }
        return data;
    }

    /**
     * The data named, in that order (each once), every one readable by the caller and with its
     * content on this server, checked before a byte is sent: the first that is not is refused by
     * name, as its own content download would be (404 hidden or absent, 409 no content yet or
     * living at a URI, 421 held by another server). Read in one transaction.
     */
    public List<DataRow> readableContents(Caller caller, List<String> uids) {
        if (uids.isEmpty()) {
            throw new InvalidInput("no-datas", "uids is empty: name the data whose contents to send");
        }
        if (uids.size() > DataContents.MAX_DATAS) {
            throw new InvalidInput("too-many-datas", "uids names " + uids.size() + " data, more than the "
                    + DataContents.MAX_DATAS + " one call may ask for; ask in several calls");
        }
        LinkedHashSet<String> wanted = new LinkedHashSet<>();
        for (int i = 0; i < uids.size(); i++) {
            String uid = uids.get(i);
            if (!Uid.isUid(uid)) {
                throw new InvalidInput("bad-uid", "uids[" + i + "] is " + (uid == null ? "null" : "'" + uid + "'")
                        + ", not a UID (like 0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59)");
            }
            wanted.add(uid.toLowerCase(Locale.ROOT));
        }
        // One statement for them all (per thousand), not one each: a sweep's client fetches the
        // results of about a hundred works per call.
        Map<String, DataRow> byUid = jdbc.tx("find datas", c -> datas.liveByUids(c, wanted));
        List<DataRow> rows = new ArrayList<>(wanted.size());
        for (String uid : wanted) {
            DataRow data = byUid.get(uid);
            if (data == null || !policy.mayRead(caller, data.owned())) {
                throw new NotFound("data-not-found", "no data " + uid + " visible to you; list yours with xwdatas");
            }
            rows.add(data);
        }
        for (DataRow data : rows) {
            if (data.external()) {
                throw new Conflict("data " + data.uid() + " lives at " + data.externalUri() + "; download it from there");
            }
            if (data.status() != DataStatus.AVAILABLE) {
                throw new Conflict("data " + data.uid() + " has no content yet; upload it first");
            }
            if (data.holder() != null && !data.holder().equals(self)) {
                throw notHere(data);
            }
        }
        return rows;
    }

    /**
     * The latest data the caller may read, newest first: its own always among them. The latest of
     * everybody's alone, filtered, left a user's own data out once others had inserted more.
     */
    public List<DataRow> list(Caller caller) {
        return jdbc.tx("list datas", c -> {
            Map<String, DataRow> seen = new LinkedHashMap<>();
            for (DataRow d : datas.recentOf(c, caller.userUid(), LIST_LIMIT)) {
                seen.put(d.uid(), d);
            }
            for (DataRow d : datas.recent(c, LIST_LIMIT)) {
                if (policy.mayRead(caller, d.owned())) {
                    seen.putIfAbsent(d.uid(), d);
                }
            }
            return seen.values().stream()
                    .sorted(Comparator.comparing(DataRow::created).reversed().thenComparing(DataRow::uid))
                    .limit(LIST_LIMIT).toList();
        });
    }

    /**
     * Receives content. Without {@code Content-Range} the body is the whole file; with it, one
     * piece of a resumable upload that must start where the previous pieces stopped (see
     * {@link #uploadOffset}). Size and SHA-256 are checked once the last byte is in; content that
     * does not match what was declared is thrown away together with its data, so no half-valid
     * object lingers.
     *
     * @param contentLength the request's Content-Length, -1 when unknown (chunked)
     */
    public DataRow upload(Caller caller, String uid, InputStream body, Optional<String> contentRange, long contentLength)
            throws IOException {
        DataRow data = writable(caller, uid);
        long allowance = limits.allowance(jdbc.tx("data usage", c -> datas.usedBytes(c, data.ownerUid(), uid)));
        String refusal = "data " + uid + " grows past " + describe(allowance) + "; " + limitsAdvice();
        if (contentRange.isEmpty()) {
            long expected = data.declaredSize() != null ? data.declaredSize() : contentLength;
            if (expected >= 0) {
                refuseOverLimits(data.ownerUid(), uid, data.name(), expected);
            }
            DataStore.Received received = DiskFailures.storing(store, new LimitedInputStream(body, allowance, refusal),
                    in -> store.receive(uid, in));
            try {
                store.delete(uid);
                return finish(data, received);
            } catch (IOException | RuntimeException e) {
                store.discard(received);
                throw e;
            }
        }
        ContentRange range = ContentRange.parse(contentRange.get());
        if (data.declaredSize() != null && data.declaredSize() != range.total()) {
            throw new InvalidInput("Content-Range says the file is " + range.total() + " bytes but data " + uid
                    + " was declared with " + data.declaredSize() + "; send the file it was declared for");
        }
        if (data.declaredSize() == null) {
            declareFirstPiece(data, range.total());
        } else {
            refuseOverLimits(data.ownerUid(), uid, data.name(), range.total());
        }
        long offset = store.received(uid);
        if (offset == range.total()) {
            // Every byte arrived but the server stopped (killed) before it recorded the content:
            // upload-offset answers the total, and any piece the client sends again finishes it.
            return finish(data, store.completed(uid));
        }
        if (range.first() != offset) {
            throw new Conflict("upload-offset", "the server holds " + offset + " bytes of data " + uid
                    + " but this piece starts at byte " + range.first() + "; resume from byte " + offset);
        }
        DataStore.Appended appended = DiskFailures.storing(store, new LimitedInputStream(body, range.length(),
                "this piece is longer than its Content-Range (" + range.length() + " bytes); send exactly the bytes it announces"),
                piece -> store.append(uid, offset, piece));
        if (appended.size() < range.total()) {
            return data;
        }
        return finish(data, appended.whole() != null ? appended.whole() : store.completed(uid));
    }

    /**
     * The body of a worker's result for a work of {@code ownerUid}, held to the limits of any data
     * of that owner (data.maxSize, data.quota): refused before a byte is read when its
     * {@code contentLength} (-1 when unknown) is over them, cut with a 413 once its bytes grow past
     * them. A result is a data of the work's owner; without this a worker (an untrusted volunteer)
     * could fill the server's disk with one upload.
     */
    public InputStream resultBody(String ownerUid, String workUid, InputStream body, long contentLength) {
        if (limits.maxSize() == 0 && limits.quota() == 0) {
            return body;
        }
        if (contentLength >= 0) {
            // The name the result's data gets (TaskOutcomes): "data 'W.zip' is N bytes but ...".
            refuseOverLimits(ownerUid, null, workUid + ".zip", contentLength);
        }
        long allowance = limits.allowance(limits.quota() == 0 ? 0 : jdbc.tx("data usage", c -> datas.usedBytes(c, ownerUid, null)));
        return new LimitedInputStream(body, allowance, "the result of work " + workUid + " grows past " + describe(allowance)
                + "; " + limitsAdvice());
    }

    /** How many bytes of a resumable upload the server holds, where the next piece must start. */
    public long uploadOffset(Caller caller, String uid) throws IOException {
        DataRow data = readable(caller, uid);
        return data.status() == DataStatus.AVAILABLE ? data.size() : store.received(uid);
    }

    /** A work's result goes with the work, inside the work's deletion transaction. */
    public void releaseResult(java.sql.Connection c, String resultUid) throws java.sql.SQLException {
        datas.markDeleted(c, resultUid);
    }

    /**
     * A work's results take the work's rights, inside the work's chmod transaction: whoever may read
     * the work may read what it produced, and nobody else (a result holds the work's stdin and output).
     */
    public void followWork(java.sql.Connection c, List<String> resultUids, AccessRights rights) throws java.sql.SQLException {
        for (String uid : resultUids) {
            datas.setRights(c, uid, rights);
        }
    }

    /**
     * An app's binary takes the rights of the apps that use it, inside the app's insert transaction;
     * only when the caller owns the data: somebody else's readable data used as a binary stays as
     * its owner set it.
     */
    public void followApps(java.sql.Connection c, Caller caller, String binaryUid, AccessRights rights) throws java.sql.SQLException {
        Optional<DataRow> binary = datas.liveByUid(c, binaryUid);
        if (binary.isPresent() && caller.userUid().equals(binary.get().ownerUid())) {
            datas.setRights(c, binaryUid, rights);
        }
    }

    private DataRow writable(Caller caller, String uid) {
        DataRow data = readable(caller, uid);
        if (data.external()) {
            throw new Conflict("data " + uid + " lives at " + data.externalUri() + "; the server holds no bytes for it");
        }
        if (!policy.mayWrite(caller, data.owned())) {
            throw new Forbidden("you may not upload the content of data " + uid + ": "
                    + policy.whyNoWrite(caller, data.owned(), "uploading"));
        }
        if (data.status() == DataStatus.AVAILABLE) {
            throw new Conflict("data " + uid + " already has its content; insert a new data to change it");
        }
        return data;
    }

    private DataRow finish(DataRow data, DataStore.Received received) throws IOException {
        String uid = data.uid();
        if ((data.declaredSize() != null && data.declaredSize() != received.size())
                || (data.declaredSha256() != null && !data.declaredSha256().equals(received.sha256()))) {
            store.discard(received);
            jdbc.tx("drop corrupted data", c -> datas.deleteUnavailable(c, uid));
            throw new Unprocessable("checksum-mismatch", "received " + received.size() + " bytes with SHA-256 "
                    + received.sha256() + " but data " + uid + " declares " + data.declaredSize() + " bytes and SHA-256 "
                    + data.declaredSha256() + "; the data was removed, insert and upload the right file again");
        }
        if (limits.quota() > 0) {
            // Checked again now that the bytes are here: each upload's allowance was counted when it
            // started, so uploads sent side by side (none counted before its end) stored a quota each.
            long used = jdbc.tx("data usage", c -> datas.usedBytes(c, data.ownerUid(), uid));
            if (used + received.size() > limits.quota()) {
                store.discard(received);
                throw new StorageFull("quota-exceeded", "data '" + data.name() + "' has " + received.size() + " bytes but its owner "
                        + "now uses " + used + " of a " + limits.quota() + " bytes quota (data.quota), other uploads having ended"
                        + " meanwhile; delete data or works you no longer need (xwrm) and send it again");
            }
        }
        store.accept(received, uid);
        boolean won = jdbc.tx("record content", c -> datas.markAvailable(c, uid, received.size(), received.sha256(), holderOfNewContent()));
        if (!won) {
            throw new Conflict("data " + uid + " got its content from another upload meanwhile");
        }
        return find(uid).orElseThrow();
    }

    /**
     * The first piece of a resumable upload of a data that declared no size: its Content-Range total
     * becomes the data's declared size before the limits are checked, so that the owner's usage counts
     * it while its pieces wait on the server's disk (up to data.resumeHours after the last). Counted
     * only once finished, each unfinished upload of an owner passed the quota alone: one user stored
     * any number of almost finished uploads, a quota's worth each. Declared first and checked after,
     * so first pieces sent side by side count each other; a refused one is undeclared again.
     */
    private void declareFirstPiece(DataRow data, long total) {
        boolean declared = jdbc.tx("declare data size", c -> datas.declareSize(c, data.uid(), total));
        try {
            refuseOverLimits(data.ownerUid(), data.uid(), data.name(), total);
        } catch (RuntimeException e) {
            if (declared) {
                jdbc.tx("undeclare data size", c -> datas.declareSize(c, data.uid(), null));
            }
            throw e;
        }
    }

    /** Refuses, before any byte is received, a size over data.maxSize or over the owner's quota. */
    private void refuseOverLimits(String ownerUid, String exceptUid, String name, long size) {
        if (limits.maxSize() > 0 && size > limits.maxSize()) {
            throw new TooLarge("too-large", "data '" + name + "' is " + size + " bytes but this server stores at most "
                    + limits.maxSize() + " bytes per data (data.maxSize); split it or ask the administrator");
        }
        if (limits.quota() > 0) {
            long used = jdbc.tx("data usage", c -> datas.usedBytes(c, ownerUid, exceptUid));
            if (used + size > limits.quota()) {
                throw new StorageFull("quota-exceeded", "data '" + name + "' needs " + size + " bytes but its owner "
                        + "already uses " + used + " of a " + limits.quota() + " bytes quota (data.quota); "
                        + "delete data or works you no longer need (xwrm) and try again");
            }
        }
    }

    private static String describe(long allowance) {
        return allowance == Long.MAX_VALUE ? "any limit" : allowance + " bytes";
    }

    private String limitsAdvice() {
        return "this server stores at most " + (limits.maxSize() == 0 ? "unlimited" : limits.maxSize() + " bytes")
                + " per data (data.maxSize) and " + (limits.quota() == 0 ? "unlimited" : limits.quota() + " bytes")
                + " per user (data.quota)";
    }

    /** The data if the caller may read it or do {@code action} to it ({@link AccessPolicy#mayFindFor}); 404 otherwise. */
    private DataRow findFor(Caller caller, String uid, Action action) {
        return jdbc.tx("find data", c -> datas.liveByUid(c, uid)).filter(d -> policy.mayFindFor(caller, action, d.owned()))
                .orElseThrow(() -> new NotFound("data-not-found", "no data " + uid + " visible to you; list yours with xwdatas"));
    }

    /** chmod: owner or SUPER_USER; numeric rights or a symbolic mode applied to the current ones. */
    public DataRow chmod(Caller caller, String uid, String mode) {
        DataRow data = findFor(caller, uid, Action.CHMOD);
        if (!policy.may(caller, Action.CHMOD, data.owned())) {
            throw new Forbidden(policy.unlessHost(caller, "only the owner of data " + uid + " (or a SUPER_USER) may change its rights"));
        }
        AccessRights rights = Rights.apply(data.rights(), mode);
        jdbc.tx("chmod data", c -> datas.setRights(c, uid, rights));
        return find(uid).orElseThrow();
    }

    /** Marks the data deleted: hidden at once, its bytes swept away once no live work refers to it; owner or SUPER_USER. */
    public void delete(Caller caller, String uid) {
        DataRow data = findFor(caller, uid, Action.DELETE);
        if (!policy.may(caller, Action.DELETE, data.owned())) {
            throw new Forbidden(policy.unlessHost(caller, "only the owner of data " + uid + " (or a SUPER_USER) may delete it"));
        }
        jdbc.tx("delete data", c -> datas.markDeleted(c, uid));
    }

    public DataStore store() {
        return store;
    }
}
