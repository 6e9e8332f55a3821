package xtremweb.client.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import xtremweb.common.wire.GroupingCreate;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.RightsChange;

/** Sessions or groups of works (one instance for each: they behave alike): create, list. */
public final class Groupings {
    private final Connection connection;
    private final String path;

    Groupings(Connection connection, String collection) {
        this.connection = connection;
        this.path = Connection.API + "/" + collection;
    }

    /** Creates one (private) and returns it. */
    public GroupingView create(String name) {
        // Sent again, with an Idempotency-Key, when the answer is lost: the server answers with the one it created.
        // The first attempt has none, so that a second one of that name is refused, naming the first.
        return connection.http.postCreatingNamed(path, new GroupingCreate(name), GroupingView.class);
    }

    public List<GroupingView> list() {
        return connection.http.get(path, new TypeReference<List<GroupingView>>() { });
    }

    public GroupingView chmod(String uid, String rights) {
        return connection.http.put(path + "/" + Uids.require(uid) + "/rights", new RightsChange(rights), GroupingView.class);
    }

    /** Deletes it and every work in it, whoever owns them; its owner or a SUPER_USER. */
    public void delete(String uid) {
        connection.http.delete(path + "/" + Uids.require(uid));
    }
}
