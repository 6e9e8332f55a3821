package xtremweb.client.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import xtremweb.common.wire.HostActivation;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.TaskView;

/** The grid's side: worker hosts (list, switch on or off) and tasks, the attempts of works on hosts. */
public final class Hosts {
    private static final String HOSTS = Connection.API + "/hosts";
    private final Connection connection;

    Hosts(Connection connection) {
        this.connection = connection;
    }

    public List<HostView> list() {
        return connection.http.get(HOSTS, new TypeReference<List<HostView>>() { });
    }

    /** Switches a host (UID or name) on or off; a host switched off gets no work. */
    public HostView activate(String uidOrName, boolean enabled) {
        return connection.http.put(HOSTS + "/" + Connection.segment(uidOrName) + "/activation", new HostActivation(enabled),
                HostView.class);
    }

    /** The tasks (attempts of works on hosts) the caller may see: of its works and its hosts, all for a SUPER_USER. */
    public List<TaskView> tasks() {
        return connection.http.get(Connection.API + "/tasks", new TypeReference<List<TaskView>>() { });
    }
}
