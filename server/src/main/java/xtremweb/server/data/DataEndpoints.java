package xtremweb.server.data;

import xtremweb.server.db.RequestKeys;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import xtremweb.common.json.Json;
import xtremweb.common.model.DataStatus;
import xtremweb.common.wire.DataContents;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.RightsChange;
import xtremweb.server.http.Router;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.user.Names;

/** {@code /api/v1/datas}. */
public final class DataEndpoints {
    private final DataService service;
    private final GridMetrics metrics;
    private final Names names;

    public DataEndpoints(DataService service, GridMetrics metrics, Names names) {
        this.metrics = metrics;
        this.service = service;
        this.names = names;
    }

    public void register(Router router) {
        // Idempotency-Key: a request sent again after its answer was lost is answered with the data it inserted.
        router.route("POST", "/api/v1/datas", ex -> ex.json(201, service.view(service.create(ex.caller(), ex.body(DataCreate.class),
                RequestKeys.checked(ex.header(RequestKeys.HEADER))))));
        router.route("GET", "/api/v1/datas", ex -> ex.json(200, names.withOwnerLogins(
                service.list(ex.caller()).stream().map(service::view).toList(), DataView::ownerUid, DataView::withOwnerLogin)));
        router.route("GET", "/api/v1/datas/{uid}", ex -> ex.json(200, service.view(service.readable(ex.caller(), ex.param("uid")))));
        router.streaming("PUT", "/api/v1/datas/{uid}/content", ex ->
                ex.json(200, service.view(service.upload(ex.caller(), ex.param("uid"), ex.bodyStream(),
                        ex.header("Content-Range"), ex.contentLength()))));
        router.route("GET", "/api/v1/datas/{uid}/upload-offset", ex ->
                ex.json(200, java.util.Map.of("offset", service.uploadOffset(ex.caller(), ex.param("uid")))));
        router.route("PUT", "/api/v1/datas/{uid}/rights", ex ->
                ex.json(200, service.view(service.chmod(ex.caller(), ex.param("uid"), ex.body(RightsChange.class).rights()))));
        router.route("DELETE", "/api/v1/datas/{uid}", ex -> {
            service.delete(ex.caller(), ex.param("uid"));
            ex.noContent();
        });
        router.route("GET", "/api/v1/datas/{uid}/content", ex -> {
            DataRow data = service.readable(ex.caller(), ex.param("uid"));
            if (data.external()) {
                throw new Conflict("data " + data.uid() + " lives at " + data.externalUri() + "; download it from there");
            }
            if (data.status() != DataStatus.AVAILABLE) {
                throw new Conflict("data " + data.uid() + " has no content yet; upload it first");
            }
            metrics.sentToClient(ex.file((first, length) -> service.content(data, first, length), data.size(), data.sha256()));
        });
        router.route("POST", "/api/v1/datas/contents", ex -> {
            // Every data is checked before the first byte: a refusal is a whole problem answer.
            List<DataRow> datas = service.readableContents(ex.caller(), ex.body(DataContents.class).uids());
            ex.stream(200, DataContents.MEDIA_TYPE, out -> {
                for (DataRow data : datas) {
                    out.write(Json.mapper().writeValueAsBytes(new DataContents.Header(data.uid(), data.size(), data.sha256())));
                    out.write('\n');
                    long sent;
                    try (InputStream in = service.content(data, 0, data.size())) {
                        sent = in.transferTo(out);
                    }
                    if (sent != data.size()) {
                        // The store holds other bytes than the row says: cut the answer, never pass them off.
                        throw new IOException("data " + data.uid() + " has " + sent + " bytes in the store, not " + data.size());
                    }
                    metrics.sentToClient(sent);
                }
            });
        });
    }
}
