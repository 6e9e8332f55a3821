package xtremweb.client.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.UsergroupCreate;
import xtremweb.common.wire.UsergroupView;

/** Users and user groups: what an administrator (SUPER_USER) manages; others see themselves only. */
public final class Admin {
    private static final String USERS = Connection.API + "/users";
    private static final String USERGROUPS = Connection.API + "/usergroups";
    private final Connection connection;

    Admin(Connection connection) {
        this.connection = connection;
    }

    /** Creates a user (SUPER_USER only on the server side). */
    public UserView createUser(UserCreate create) {
        // Sent again, with an Idempotency-Key, when the answer is lost: the server answers with the user it created.
        // The first attempt has none, so that a login already taken is refused, as the manual says.
        return connection.http.postCreatingNamed(USERS, create, UserView.class);
    }

    public List<UserView> users() {
        return connection.http.get(USERS, new TypeReference<List<UserView>>() { });
    }

    /** Deletes a user (login or UID): kept in history, its tokens and host credentials stop working. */
    public void deleteUser(String uidOrLogin) {
        connection.http.delete(USERS + "/" + Connection.segment(uidOrLogin));
    }

    public UsergroupView createUsergroup(String label) {
        return connection.http.post(USERGROUPS, new UsergroupCreate(label), UsergroupView.class);
    }

    /** Deletes a user group (label or UID); the server refuses while it has members. */
    public void deleteUsergroup(String uidOrLabel) {
        connection.http.delete(USERGROUPS + "/" + Connection.segment(uidOrLabel));
    }

    public List<UsergroupView> usergroups() {
        return connection.http.get(USERGROUPS, new TypeReference<List<UsergroupView>>() { });
    }
}
