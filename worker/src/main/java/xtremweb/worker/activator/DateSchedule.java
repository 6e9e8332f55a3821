package xtremweb.worker.activator;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import xtremweb.common.config.ConfigException;

/**
 * The manual's {@code activator.date} grammar: comma-separated ranges, each "DAYS [HOURS]".
 * DAYS is {@code *}, a day or {@code x-y}; a day is 1 (Sunday) to 7 (Saturday), or its English
 * name, short or long, in any case. HOURS is {@code *}, an hour N (N:00 to N:59) or {@code N-M}
 * (N:00 to M:59); days without hours are whole days. Ranges may wrap: {@code Thu-Tue}, {@code 18-3}.
 *
 * <p>An hour range that wraps past midnight is a night: its morning part belongs to the day the
 * night began, so {@code "Thu-Tue 18-3"} means the nights from Thursday 18:00 to Wednesday 03:59,
 * and Thursday 01:00 (the end of Wednesday's night) is outside. That is what "from thursday to
 * tuesday, from 6:00PM to 3:59AM" says.
 */
final class DateSchedule {
    private static final Map<String, DayOfWeek> DAY_NAMES = dayNames();

    /** Days of the week as bits (bit 0 = Monday, as {@link DayOfWeek#getValue()} - 1), hours first..last. */
    private record Window(int days, int firstHour, int lastHour) {
        boolean contains(LocalDateTime at) {
            int hour = at.getHour();
            if (firstHour <= lastHour) {
                return hour >= firstHour && hour <= lastHour && hasDay(at.getDayOfWeek());
            }
            if (hour >= firstHour) {
                return hasDay(at.getDayOfWeek());
            }
            // the morning part of a night that began the day before
            return hour <= lastHour && hasDay(at.getDayOfWeek().minus(1));
        }

        private boolean hasDay(DayOfWeek day) {
            return (days & (1 << (day.getValue() - 1))) != 0;
        }
    }

    private final String text;
    private final List<Window> windows;

    private DateSchedule(String text, List<Window> windows) {
        this.text = text;
        this.windows = List.copyOf(windows);
    }

    /** Parses {@code activator.date}; a {@link ConfigException} names the token that is wrong. */
    static DateSchedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException("activator.date is empty; write days and hours such as \"Mon-Fri 18-7, Sat-Sun *\"");
        }
        List<Window> windows = new ArrayList<>();
        for (String range : text.split(",", -1)) {
            String[] fields = range.trim().split("\\s+");
            if (fields.length == 1 && fields[0].isEmpty()) {
                throw new ConfigException("activator.date \"" + text + "\" has an empty range between commas");
            }
            if (fields.length > 2) {
                throw new ConfigException("activator.date \"" + text + "\": unexpected '" + fields[2] + "' in \"" + range.trim()
                        + "\"; a range is the days then the hours, e.g. \"Thu-Tue 18-3\"");
            }
            int days = days(text, fields[0]);
            int[] hours = fields.length == 2 ? hours(text, fields[1]) : new int[] {0, 23};
            windows.add(new Window(days, hours[0], hours[1]));
        }
        return new DateSchedule(text.trim(), windows);
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
        String[] bounds = bounds(text, field);
        DayOfWeek first = day(text, bounds[0]);
        DayOfWeek last = day(text, bounds[bounds.length - 1]);
        int mask = 0;
        for (DayOfWeek d = first; ; d = d.plus(1)) {
            mask |= 1 << (d.getValue() - 1);
            if (d == last) {
                return mask;
            }
        }
    }

    private static int[] hours(String text, String field) {
        if (field.equals("*")) {
            return new int[] {0, 23};
        }
        String[] bounds = bounds(text, field);
        return new int[] {hour(text, bounds[0]), hour(text, bounds[bounds.length - 1])};
    }

    private static String[] bounds(String text, String field) {
        String[] bounds = field.split("-", -1);
        if (bounds.length > 2 || bounds[0].isEmpty() || bounds[bounds.length - 1].isEmpty()) {
            throw new ConfigException("activator.date \"" + text + "\": '" + field
                    + "' is not a value or a range x-y");
        }
        return bounds;
    }

    private static DayOfWeek day(String text, String token) {
        DayOfWeek day = DAY_NAMES.get(token.toLowerCase(Locale.ROOT));
        if (day == null) {
            throw new ConfigException("activator.date \"" + text + "\": '" + token
                    + "' is not a day; write 1 (Sunday) to 7 (Saturday), sun..sat or sunday..saturday");
        }
        return day;
    }

    private static int hour(String text, String token) {
        int hour;
        try {
            hour = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            hour = -1;
        }
        if (hour < 0 || hour > 23) {
            throw new ConfigException("activator.date \"" + text + "\": '" + token + "' is not an hour from 0 to 23");
        }
        return hour;
    }

    private static Map<String, DayOfWeek> dayNames() {
        Map<String, DayOfWeek> names = new java.util.HashMap<>();
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
