package xtremweb.server.host;

import xtremweb.common.wire.HostInventory;
import xtremweb.server.db.Column;

/**
 * The checks of what a worker says about its machine (at registration and with heartbeats). The
 * worker is untrusted and its strings reach administrators' host listings, terminals and logs: a
 * control character in them is refused (400 naming the field), never stored. Over-long strings
 * keep being shortened to their columns when stored, as a worker cannot know them.
 */
public final class Inventories {
    private Inventories() {
    }

    /** The inventory, or a refusal naming the first field holding a control character ({@code prefix}: where it was sent). */
    public static HostInventory checked(String prefix, HostInventory inventory) {
        if (inventory != null) {
            Column.requirePrintable(prefix + "osName", inventory.osName(), false);
            Column.requirePrintable(prefix + "osVersion", inventory.osVersion(), false);
            Column.requirePrintable(prefix + "cpuArch", inventory.cpuArch(), false);
            Column.requirePrintable(prefix + "cpuModel", inventory.cpuModel(), false);
            Column.requirePrintable(prefix + "javaVersion", inventory.javaVersion(), false);
        }
        return inventory;
    }
}
