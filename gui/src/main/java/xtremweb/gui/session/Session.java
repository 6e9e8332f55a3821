package xtremweb.gui.session;

import xtremweb.client.api.XwClient;
import xtremweb.common.wire.UserView;
import xtremweb.gui.rights.Permissions;

/**
 * A logged-in user on a server: the client library (which logs in again by itself when the token
 * expires), who the user is, and what the GUI offers it.
 */
public record Session(XwClient client, UserView me, String server) {
    public Permissions may() {
        return new Permissions(me);
    }

    /** "alice@grid.example.org:4325", for the title and the status bar. */
    public String who() {
        return me.login() + "@" + server;
    }
}
