package xtremweb.client;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import xtremweb.client.format.Column;
import xtremweb.client.format.Listing;
import xtremweb.client.format.OutputFormat;
import xtremweb.common.wire.GroupingView;

/**
 * How {@code xwsessions} and {@code xwgroups} print: the same columns, named after the kind.
 * OWNER is the owner's login (its UID when the server does not name it); the other formats give both.
 */
final class GroupingListing {
    private GroupingListing() {
    }

    static void print(String kind, List<GroupingView> rows, PrintWriter out, OutputFormat format) {
        new Listing<>(kind, List.of(
                Column.<GroupingView>of("UID", GroupingView::uid),
                Column.<GroupingView>of("NAME", GroupingView::name),
                Column.<GroupingView>of("OWNER", g -> g.ownerLogin() != null ? g.ownerLogin() : g.ownerUid()),
                Column.<GroupingView>of("RIGHTS", GroupingView::accessRights),
                Column.<GroupingView>of("CREATED", g -> g.created() == null ? null : g.created().truncatedTo(ChronoUnit.SECONDS))),
                rows).print(out, format);
    }
}
