package xtremweb.server.certification;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the copies of each replicated work went, in memory, so dispatch can keep copies on
 * independent hosts without reading a table: never two copies of one work on the same host, nor on
 * two hosts of the same owner (a volunteer with many machines must not agree with himself). A host
 * is reserved when the ready queue hands it a copy, released if the claim is lost. Filled at start
 * from the copies still being certified (their hosts' networks are learnt again from their next
 * requests); one server's view (several servers on one database may
 * each place one copy on the same owner's hosts).
 */
public final class CopyPlacements {
    private final Map<String, Set<String>> byWork = new ConcurrentHashMap<>();
    // With certification.distinctSubnets: each host's network (/24, /48 for IPv6) as its last work
    // request came from; two copies of a work never go to one network then.
    private final boolean distinctSubnets;
    private final Map<String, String> networks = new ConcurrentHashMap<>();

    /** Copies kept off the same host and the same owner's hosts. */
    public CopyPlacements() {
        this(false);
    }

    /** {@code distinctSubnets}: also off two hosts behind the same /24. */
    public CopyPlacements(boolean distinctSubnets) {
        this.distinctSubnets = distinctSubnets;
    }

    /** The address a host's work request came from (its network is what counts). */
    public void seen(String hostUid, String address) {
        if (distinctSubnets && hostUid != null && address != null) {
            networks.put(hostUid, network(address));
        }
    }

    /** The /24 of an IPv4 address, the /48 of an IPv6 one. */
    static String network(String address) {
        if (address.contains(":")) {
            String[] groups = address.split(":", -1);
            return "v6:" + String.join(":", java.util.Arrays.copyOf(groups, Math.min(3, groups.length)));
        }
        int last = address.lastIndexOf('.');
        return last < 0 ? address : address.substring(0, last);
    }

    /**
     * Whether the host may take this work ({@code certifies}: the work it is a copy of), and if so
     * reserves it there: true at once for a work computed once (null). Called as the queue's last test, so a true answer means the work is taken.
     */
    public boolean reserve(String certifies, String hostUid, String ownerUid) {
        if (certifies == null) {
            return true;
        }
        Set<String> used = byWork.computeIfAbsent(certifies, w -> new HashSet<>());
        synchronized (used) {
            String network = networkKey(hostUid);
            if (used.contains(hostKey(hostUid)) || used.contains(ownerKey(ownerUid)) || (network != null && used.contains(network))) {
                return false;
            }
            used.add(hostKey(hostUid));
            used.add(ownerKey(ownerUid));
            if (network != null) {
                used.add(network);
            }
            return true;
        }
    }

    /** The claim of a reserved copy was lost or refused: the host may take another copy of that work. */
    public void release(String certifies, String hostUid, String ownerUid) {
        if (certifies == null) {
            return;
        }
        Set<String> used = byWork.get(certifies);
        if (used != null) {
            synchronized (used) {
                used.remove(hostKey(hostUid));
                used.remove(ownerKey(ownerUid));
                String network = networkKey(hostUid);
                if (network != null) {
                    used.remove(network);
                }
            }
        }
    }

    private String networkKey(String hostUid) {
        String network = distinctSubnets ? networks.get(hostUid) : null;
        return network == null ? null : "n:" + network;
    }

    /** A copy known to have gone to this host (read at start). */
    void placed(String workUid, String hostUid, String ownerUid) {
        Set<String> used = byWork.computeIfAbsent(workUid, w -> new HashSet<>());
        synchronized (used) {
            used.add(hostKey(hostUid));
            used.add(ownerKey(ownerUid));
        }
    }

    /** The work ended: no copy of it goes anywhere any more. */
    void forget(String workUid) {
        byWork.remove(workUid);
    }

    int works() {
        return byWork.size();
    }

    private static String hostKey(String hostUid) {
        return "h:" + hostUid;
    }

    private static String ownerKey(String ownerUid) {
        return "o:" + ownerUid;
    }
}
