package xtremweb.common.rights;

/**
 * Owner / group / others x read / write / execute, as the manual writes them: printed {@code 0x755},
 * parsed from {@code 0x755}, {@code 755} or {@code 0755} (the digits are octal whatever the prefix).
 */
public record AccessRights(int bits) {
    public static final AccessRights PRIVATE = new AccessRights(0700);
    public static final AccessRights GROUP = new AccessRights(0750);
    public static final AccessRights PUBLIC = new AccessRights(0755);

    public AccessRights {
        if (bits < 0 || bits > 0777) {
            throw new IllegalArgumentException("access rights must be three octal digits, got " + Integer.toOctalString(bits));
        }
    }

    public static AccessRights parse(String text) {
        String s = text.trim().toLowerCase();
        if (s.startsWith("0x")) {
            s = s.substring(2);
        } else if (s.length() == 4 && s.startsWith("0")) {
            s = s.substring(1);
        }
        if (!s.matches("[0-7]{3}")) {
            throw new IllegalArgumentException("bad access rights '" + text + "'; write them like 0x755, 755 or 0755");
        }
        return new AccessRights(Integer.parseInt(s, 8));
    }

    /** Read/write/execute bits of one class: 2 = owner, 1 = group, 0 = others. */
    public int classBits(int shift) {
        return (bits >> (3 * shift)) & 7;
    }

    /** The bitwise AND of both: a job's rights are the requested rights AND its app's. */
    public AccessRights and(AccessRights other) {
        return new AccessRights(bits & other.bits);
    }

    @Override
    public String toString() {
        return "0x" + Integer.toOctalString(01000 | bits).substring(1);
    }
}
