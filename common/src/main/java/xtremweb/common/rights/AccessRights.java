package xtremweb.common.rights;

import java.util.Locale;

/**
 * Owner / group / others x read / write / execute, as the manual writes them: printed {@code 0x755},
 * parsed from {@code 0x755}, {@code 755} or {@code 0755} (the digits are octal whatever the prefix),
 * or changed with a symbolic mode like chmod's ({@code go-w}, {@code u+rwx}, {@code a=rx,g+w}).
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

    /** Numeric rights only; a symbolic mode needs rights to apply to, see {@link #apply}. */
    public static AccessRights parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("0x")) {
            s = s.substring(2);
        } else if (s.length() == 4 && s.startsWith("0")) {
            s = s.substring(1);
        }
        if (!s.matches("[0-7]{3}")) {
            throw new IllegalArgumentException("bad access rights '" + text + "'; write them like 0x755, 755, 0755 or go-w");
        }
        return new AccessRights(Integer.parseInt(s, 8));
    }

    /** True when {@code text} is a symbolic mode ({@code go-w}) rather than numeric rights. */
    public static boolean isSymbolic(String text) {
        return text.trim().matches("[ugoa]*[-+=][rwx]*(,[ugoa]*[-+=][rwx]*)*");
    }

    /**
     * These rights changed by {@code mode}: numeric rights replace them, a symbolic mode changes
     * them clause by clause ({@code u}, {@code g}, {@code o}, {@code a} or nothing for all; {@code +}
     * adds, {@code -} removes, {@code =} sets).
     */
    public AccessRights apply(String mode) {
        if (!isSymbolic(mode)) {
            return parse(mode);
        }
        int result = bits;
        for (String clause : mode.trim().split(",")) {
            int op = indexOfOperator(clause);
            String who = clause.substring(0, op);
            char operator = clause.charAt(op);
            int perms = 0;
            for (char p : clause.substring(op + 1).toCharArray()) {
                perms |= p == 'r' ? 4 : p == 'w' ? 2 : 1;
            }
            int mask = 0;
            int spread = 0;
            for (int shift : shifts(who)) {
                mask |= 7 << (3 * shift);
                spread |= perms << (3 * shift);
            }
            result = switch (operator) {
                case '+' -> result | spread;
                case '-' -> result & ~spread;
                default -> (result & ~mask) | spread;
            };
        }
        return new AccessRights(result);
    }

    private static int indexOfOperator(String clause) {
        for (int i = 0; i < clause.length(); i++) {
            char ch = clause.charAt(i);
            if (ch == '+' || ch == '-' || ch == '=') {
                return i;
            }
        }
        throw new IllegalArgumentException("bad symbolic mode '" + clause + "'");
    }

    private static int[] shifts(String who) {
        if (who.isEmpty() || who.contains("a")) {
            return new int[] {2, 1, 0};
        }
        return who.chars().map(ch -> ch == 'u' ? 2 : ch == 'g' ? 1 : 0).distinct().toArray();
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
