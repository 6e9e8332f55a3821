package xtremweb.server.certification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the copies of each replicated work went, in memory, so dispatch can keep copies on
 * independent hosts without reading a table: never two copies of one work on the same host, nor on
 * two hosts of the same owner (a volunteer with many machines must not agree with himself). A host
 * is reserved when the ready queue hands it a copy, released if the claim is lost. Filled at start
 * from the copies still being certified (their hosts' networks are learnt again from their next
 * requests); one server's view (several servers on one database may
 * each place one copy on the same owner's hosts).
 *
 * <p>Kept per copy, not per work: a copy whose task was lost (lease expired, given back) and queued
 * again is placed anew, wherever its siblings are not. Had the host that lost it stayed taken for
 * the work, a copy lost twice, or both copies lost when a restarted server found their leases
 * expired, would find every volunteer of a small grid taken and wait in the queue for ever. The
 * lost task's result is refused, so its host may take the copy again: the work still never gets
 * two results from one host or one owner.
 *
 * <p>A reservation is tentative until its claim is won ({@link #confirm}): only then is the copy's
 * earlier placement dropped, because only a won claim proves the copy was PENDING, its earlier
 * task over. The ready queue is a hint and may offer a copy that is already running (a refill read
 * it just before its claim committed); the doomed claim of such a stale entry must leave the
 * running copy's placement as it was, or the host running it could be handed a sibling and agree
 * with itself (a cheater did exactly that in a CI run before this rule).
 */
public final class CopyPlacements {
    /**
     * Where a copy went or is being claimed: its host, the host's owner and, with distinct subnets,
     * its network ("n:" key) then; {@code confirmed} once the claim was won (or read from the database).
     */
    private record Placement(String copyUid, String hostUid, String ownerUid, String network, boolean confirmed) {
        Placement confirm() {
            return new Placement(copyUid, hostUid, ownerUid, network, true);
        }

        boolean is(String copy, String host) {
            return copyUid.equals(copy) && hostUid.equals(host);
        }
    }

    // work -> where its copies went (a copy may have two entries while a new claim of it is pending);
    // each work's list is guarded by itself.
    private final Map<String, List<Placement>> byWork = new ConcurrentHashMap<>();
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
     * Whether the host may take this copy ({@code copyUid}) of a work ({@code certifies}), and if so
     * reserves it there, tentatively: true at once for a work computed once (null). Only the copy's
     * siblings count, not where this copy went before. Called as the queue's last test, so a true
     * answer means the work is taken; the claim then ends in {@link #confirm} or {@link #release}.
     */
    public boolean reserve(String certifies, String copyUid, String hostUid, String ownerUid) {
        if (certifies == null) {
            return true;
        }
        List<Placement> copies = byWork.computeIfAbsent(certifies, w -> new ArrayList<>());
        synchronized (copies) {
            String network = networkKey(hostUid);
            boolean there = false;
            for (Placement placed : copies) {
                if (!placed.copyUid().equals(copyUid) && clashes(placed, hostUid, ownerUid, network)) {
                    return false;
                }
                there |= placed.is(copyUid, hostUid);
            }
            if (!there) {
                copies.add(new Placement(copyUid, hostUid, ownerUid, network, false));
            }
            return true;
        }
    }

    private boolean clashes(Placement sibling, String hostUid, String ownerUid, String network) {
        // A placement read at start has no network yet: the host's, once its next request is seen.
        String siblingNetwork = sibling.network() != null ? sibling.network() : networkKey(sibling.hostUid());
        return sibling.hostUid().equals(hostUid) || Objects.equals(sibling.ownerUid(), ownerUid)
                || (network != null && network.equals(siblingNetwork));
    }

    /**
     * The claim of a reserved copy was won: the copy is on this host now, and wherever it went before
     * (a task since lost) no longer counts.
     */
    public void confirm(String certifies, String copyUid, String hostUid) {
        List<Placement> copies = certifies == null ? null : byWork.get(certifies);
        if (copies != null) {
            synchronized (copies) {
                copies.removeIf(p -> p.copyUid().equals(copyUid) && !p.hostUid().equals(hostUid));
                copies.replaceAll(p -> p.is(copyUid, hostUid) ? p.confirm() : p);
            }
        }
    }

    /**
     * The claim of a reserved copy was lost or refused: its tentative reservation goes, and the
     * host may take another copy of that work. A confirmed placement stays (a stale queue entry of a
     * copy this host already runs).
     */
    public void release(String certifies, String copyUid, String hostUid) {
        List<Placement> copies = certifies == null ? null : byWork.get(certifies);
        if (copies != null) {
            synchronized (copies) {
                copies.removeIf(p -> p.is(copyUid, hostUid) && !p.confirmed());
            }
        }
    }

    private String networkKey(String hostUid) {
        String network = distinctSubnets ? networks.get(hostUid) : null;
        return network == null ? null : "n:" + network;
    }

    /** A copy known to have gone to this host (read at start; a caught host's lone result). */
    void placed(String workUid, String copyUid, String hostUid, String ownerUid) {
        List<Placement> copies = byWork.computeIfAbsent(workUid, w -> new ArrayList<>());
        synchronized (copies) {
            copies.removeIf(p -> p.is(copyUid, hostUid));
            copies.add(new Placement(copyUid, hostUid, ownerUid, null, true));
        }
    }

    /** The work ended: no copy of it goes anywhere any more. */
    void forget(String workUid) {
        byWork.remove(workUid);
    }

    int works() {
        return byWork.size();
    }
}
