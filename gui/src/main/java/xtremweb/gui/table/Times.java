package xtremweb.gui.table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Times as a table shows them: today's as the time of day, this year's with day and month, older ones as a date. */
public final class Times {
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("d MMM HH:mm");
    private static final DateTimeFormatter OLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private Times() {
    }

    public static String shortly(Instant instant) {
        return shortly(instant, ZoneId.systemDefault(), LocalDate.now());
    }

    static String shortly(Instant instant, ZoneId zone, LocalDate today) {
        ZonedDateTime time = instant.atZone(zone);
        if (time.toLocalDate().equals(today)) {
            return TODAY.format(time);
        }
        return (time.getYear() == today.getYear() ? THIS_YEAR : OLDER).format(time);
    }
}
