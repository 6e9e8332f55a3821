package xtremweb.worker.activator;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import xtremweb.common.config.ConfigException;

/**
 * The manual's {@code activator.date} grammar, "a la crontab": comma-separated windows, each
 * "DAYS [HOURS]". DAYS is {@code *}, a day or {@code x-y}; a day is 1 (Sunday) to 7 (Saturday), or
 * its English name, short or long, in any case. HOURS is {@code *}, an hour N (N:00 to N:59) or
 * {@code N-M} (N:00 to M:59); days without hours are whole days. Ranges wrap: {@code Thu-Tue},
 * {@code 18-3}.
 *
 * <p>As in crontab, the two fields are independent: a moment is inside a window when its day is
 * one of the days AND its hour one of the hours. {@code "Fri-Mon 22-6"} is Friday to Monday, from
 * 22:00 to 23:59 and from 00:00 to 06:59 of each of those days, so Tuesday 03:00 is outside (it is
 * not one of the days) and Friday 03:00 is inside.
 */
final class DateSchedule {
    private static final Map<String, DayOfWeek> DAY_NAMES = dayNames();
    private static final String DAYS_HELP = "a day is 1 (Sunday) to 7 (Saturday), sun..sat or sunday..saturday;"
            + " write *, a day or DAY-DAY";
    private static final String HOURS_HELP = "write *, an hour N or N-M, from 0 to 23";

    /** Days of the week as bits (bit 0 = Monday, as {@link DayOfWeek#getValue()} - 1), hours as bits 0..23. */
    private record Window(int days, int hours) {
        boolean contains(LocalDateTime at) {
            return (days & (1 << (at.getDayOfWeek().getValue() - 1))) != 0 && (hours & (1 << at.getHour())) != 0;
        }
    }

    private final String text;
    private final List<Window> windows;

    private DateSchedule(String text, List<Window> windows) {
        this.text = text;
        this.windows = List.copyOf(windows);
    }

    /** Parses {@code activator.date}; a {@link ConfigException} names the token that is wrong and its field. */
    static DateSchedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException("activator.date is empty; write days and hours such as \"Mon-Fri 18-7, Sat-Sun *\"");
        }
        String unquoted = unquote(text.trim());
        if (unquoted.isBlank()) {
            throw new ConfigException("activator.date is empty; write days and hours such as \"Mon-Fri 18-7, Sat-Sun *\"");
        }
        List<Window> windows = new ArrayList<>();
        for (String range : unquoted.split(",", -1)) {
            String[] fields = range.trim().split("\\s+");
            if (fields.length == 1 && fields[0].isEmpty()) {
                throw new ConfigException("activator.date \"" + text + "\" has an empty window between commas");
            }
            if (fields.length > 2) {
                throw new ConfigException("activator.date \"" + text + "\": unexpected '" + fields[2] + "' in \"" + range.trim()
                        + "\"; a window is the days then the hours, e.g. \"Thu-Tue 18-3\"");
            }
            int days = days(text, fields[0]);
            int hours = fields.length == 2 ? hours(text, fields[1]) : 0xffffff;
            windows.add(new Window(days, hours));
        }
        return new DateSchedule(unquoted.trim(), windows);
    }

    /** The manual writes its examples in double quotes ("Thu-Tue 18-3"): a value copied with them means the same. */
    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    boolean contains(LocalDateTime at) {
        return windows.stream().anyMatch(w -> w.contains(at));
    }

    @Override
    public String toString() {
        return text;
    }

    private static int days(String text, String field) {
        if (field.equals("*")) {
            return 0x7f;
        }
        String[] bounds = bounds(text, "days", field, DAYS_HELP);
        int first = day(text, field, bounds[0]).getValue() - 1;
        int last = day(text, field, bounds[bounds.length - 1]).getValue() - 1;
        return span(first, last, 7);
    }

    private static int hours(String text, String field) {
        if (field.equals("*")) {
            return 0xffffff;
        }
        String[] bounds = bounds(text, "hours", field, HOURS_HELP);
        return span(hour(text, field, bounds[0]), hour(text, field, bounds[bounds.length - 1]), 24);
    }

    /** The bits first..last, wrapping past {@code size - 1} back to 0 when last comes before first. */
    private static int span(int first, int last, int size) {
        int mask = 0;
        for (int i = first; ; i = (i + 1) % size) {
            mask |= 1 << i;
            if (i == last) {
                return mask;
            }
        }
    }

    private static String[] bounds(String text, String kind, String field, String help) {
        String[] bounds = field.split("-", -1);
        if (bounds.length > 2 || bounds[0].isEmpty() || bounds[bounds.length - 1].isEmpty()) {
            throw new ConfigException("activator.date \"" + text + "\": the " + kind + " '" + field
                    + "' are not a value or a range x-y; " + help);
        }
        return bounds;
    }

    private static DayOfWeek day(String text, String field, String token) {
        DayOfWeek day = DAY_NAMES.get(token.toLowerCase(Locale.ROOT));
        if (day == null) {
            throw new ConfigException("activator.date \"" + text + "\": '" + token + "' is not a day"
                    + (token.equals(field) ? "" : " (in the days '" + field + "')")
                    + (token.equals("*") ? "; * stands alone for every day" : "") + "; " + DAYS_HELP);
        }
        return day;
    }

    private static int hour(String text, String field, String token) {
        int hour = token.matches("[0-9]{1,2}") ? Integer.parseInt(token) : -1;
        if (hour < 0 || hour > 23) {
            throw new ConfigException("activator.date \"" + text + "\": '" + token + "' is not an hour from 0 to 23"
                    + (token.equals(field) ? "" : " (in the hours '" + field + "')")
                    + (token.equals("*") ? "; * stands alone for every hour" : "") + "; " + HOURS_HELP);
        }
        return hour;
    }

    private static Map<String, DayOfWeek> dayNames() {
        Map<String, DayOfWeek> names = new HashMap<>();
        // the manual numbers days from 1 = Sunday to 7 = Saturday
        DayOfWeek[] byNumber = {DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY};
        for (int i = 0; i < byNumber.length; i++) {
            DayOfWeek day = byNumber[i];
            String full = day.name().toLowerCase(Locale.ROOT);
            names.put(String.valueOf(i + 1), day);
            names.put(full, day);
            names.put(full.substring(0, 3), day);
        }
        return Map.copyOf(names);
    }
}
