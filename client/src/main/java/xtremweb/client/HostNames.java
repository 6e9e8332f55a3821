package xtremweb.client;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Host names as a listing shows them: the name alone when it is unique in the listing, else the
 * name and the start of the host UID, so that two workers of one machine (same name) are told
 * apart: {@code lab-12 (3f2a9c1d)} and {@code lab-12 (77b0e1aa)}. A host without a name shows its UID.
 */
final class HostNames {
    private static final int UID_PREFIX = 8;
    private final Map<String, Set<String>> uidsByName = new HashMap<>();

    /** @param hosts every (host UID, host name) of the listing */
    HostNames(Collection<Map.Entry<String, String>> hosts) {
        for (Map.Entry<String, String> host : hosts) {
            if (host.getKey() != null && host.getValue() != null) {
                uidsByName.computeIfAbsent(host.getValue(), name -> new HashSet<>()).add(host.getKey());
            }
        }
    }

    String show(String uid, String name) {
        if (name == null) {
            return uid;
        }
        if (uid == null || uidsByName.getOrDefault(name, Set.of()).size() < 2) {
            return name;
        }
        return name + " (" + uid.substring(0, Math.min(UID_PREFIX, uid.length())) + ")";
    }
}
