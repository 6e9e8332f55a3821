package xtremweb.server.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses that may read {@code /metrics} without a token ({@code metrics.allow}): single
 * addresses or CIDR ranges, IPv4 or IPv6, written as numbers (a host name would make the check
 * depend on DNS). Empty by default: nobody, not even loopback.
 */
public final class AllowedAddresses {
    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private AllowedAddresses(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static AllowedAddresses none() {
        return new AllowedAddresses(List.of());
    }

    /**
     * Parses {@code 127.0.0.1 10.1.0.0/16 ::1} (spaces or commas between entries).
     *
     * @throws IllegalArgumentException naming the entry that is not an address or a range
     */
    public static AllowedAddresses parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : text.trim().split("[\\s,]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            if (!address.matches("[0-9A-Fa-f:.]+") || !(address.contains(".") || address.contains(":"))) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or a CIDR range (like 10.0.0.0/8)");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or a CIDR range (like 10.0.0.0/8)");
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0.." + bytes.length * 8);
                }
            }
            ranges.add(new Range(bytes, prefix));
        }
        return new AllowedAddresses(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether the address (as Jetty gives the peer: a numeric literal) is in one of the ranges. */
    public boolean allows(String address) {
        if (ranges.isEmpty() || address == null || !address.matches("\\[?[0-9A-Fa-f:.%a-zA-Z0-9]+\\]?")) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        for (Range r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }
}
