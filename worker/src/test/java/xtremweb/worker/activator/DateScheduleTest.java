package xtremweb.worker.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import xtremweb.common.config.ConfigException;

/** Every example of the manual's activator.date section, then the edges. 2026-11-22 is a Sunday. */
class DateScheduleTest {
    private static LocalDateTime at(String day, int hour, int minute) {
        int offset = switch (day) {
            case "Sun" -> 0;
            case "Mon" -> 1;
            case "Tue" -> 2;
            case "Wed" -> 3;
            case "Thu" -> 4;
            case "Fri" -> 5;
            case "Sat" -> 6;
            default -> throw new IllegalArgumentException(day);
        };
        return LocalDateTime.of(2026, 11, 22, hour, minute).plusDays(offset);
    }

    @ParameterizedTest(name = "\"{0}\" at {1} {2}:{3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # "* *" : every days, full day
            * *          | Sun | 0  | 0  | true
            * *          | Wed | 23 | 59 | true
            # "* 1" : every days, from 1:00AM to 1:59AM
            * 1          | Tue | 1  | 0  | true
            * 1          | Tue | 1  | 59 | true
            * 1          | Tue | 0  | 59 | false
            * 1          | Tue | 2  | 0  | false
            # "* 11-17" : every days, from 11:00AM to 5:59PM
            * 11-17      | Sat | 11 | 0  | true
            * 11-17      | Sat | 17 | 59 | true
            * 11-17      | Sat | 10 | 59 | false
            * 11-17      | Sat | 18 | 0  | false
            # "1 *" : every sunday, full day
            1 *          | Sun | 0  | 0  | true
            1 *          | Sun | 23 | 59 | true
            1 *          | Mon | 0  | 0  | false
            1 *          | Sat | 23 | 59 | false
            # "Thu" : every thursday, full day
            Thu          | Thu | 0  | 0  | true
            Thu          | Thu | 23 | 59 | true
            Thu          | Wed | 23 | 59 | false
            Thu          | Fri | 0  | 0  | false
            # "2-Thu *" : from tuesday to thursday, full days (2 is Monday by the numbering rule 1 = Sunday)
            2-Thu *      | Mon | 0  | 0  | true
            2-Thu *      | Tue | 12 | 0  | true
            2-Thu *      | Thu | 23 | 59 | true
            2-Thu *      | Fri | 0  | 0  | false
            2-Thu *      | Sun | 23 | 59 | false
            # "4-2" : from thursday to tuesday, full days (4 = Wednesday, 2 = Monday by the numbering rule)
            4-2          | Wed | 0  | 0  | true
            4-2          | Sat | 12 | 0  | true
            4-2          | Sun | 12 | 0  | true
            4-2          | Mon | 23 | 59 | true
            4-2          | Tue | 12 | 0  | false
            # "Thu-Tue 18-3" : from thursday to tuesday, from 6:00PM to 3:59AM
            Thu-Tue 18-3 | Thu | 18 | 0  | true
            Thu-Tue 18-3 | Fri | 3  | 59 | true
            Thu-Tue 18-3 | Sun | 23 | 0  | true
            Thu-Tue 18-3 | Tue | 18 | 0  | true
            Thu-Tue 18-3 | Wed | 3  | 59 | true
            Thu-Tue 18-3 | Wed | 4  | 0  | false
            Thu-Tue 18-3 | Wed | 18 | 0  | false
            Thu-Tue 18-3 | Thu | 2  | 0  | false
            Thu-Tue 18-3 | Fri | 12 | 0  | false
            Thu-Tue 18-3 | Fri | 17 | 59 | false
            # "Thu-Tue 18-3, Sat-Sun *" : the nights above AND every week end, full day
            Thu-Tue 18-3, Sat-Sun * | Sat | 12 | 0  | true
            Thu-Tue 18-3, Sat-Sun * | Sun | 4  | 0  | true
            Thu-Tue 18-3, Sat-Sun * | Fri | 19 | 0  | true
            Thu-Tue 18-3, Sat-Sun * | Mon | 12 | 0  | false
            Thu-Tue 18-3, Sat-Sun * | Wed | 12 | 0  | false
            """)
    void everyExampleOfTheManual(String text, String day, int hour, int minute, boolean active) {
        assertThat(DateSchedule.parse(text).contains(at(day, hour, minute))).isEqualTo(active);
    }

    @Test
    void daysAreNamedByNumberShortOrLongNameInAnyCase() {
        LocalDateTime thursday = at("Thu", 12, 0);
        for (String text : new String[] {"5", "thu", "THU", "Thursday", "thursday *", "5-5"}) {
            assertThat(DateSchedule.parse(text).contains(thursday)).as(text).isTrue();
            assertThat(DateSchedule.parse(text).contains(thursday.plusDays(1))).as(text).isFalse();
        }
    }

    @Test
    void midnightBelongsToTheNewDayAndAnHourRangeEndsAtFiftyNine() {
        DateSchedule sundays = DateSchedule.parse("Sun");
        assertThat(sundays.contains(at("Sat", 23, 59))).isFalse();
        assertThat(sundays.contains(at("Sun", 0, 0))).isTrue();
        assertThat(sundays.contains(at("Sun", 23, 59).plusSeconds(59))).isTrue();
        assertThat(sundays.contains(at("Mon", 0, 0))).isFalse();
        DateSchedule lateEvening = DateSchedule.parse("* 23");
        assertThat(lateEvening.contains(at("Mon", 23, 59))).isTrue();
        assertThat(lateEvening.contains(at("Tue", 0, 0))).isFalse();
    }

    @Test
    void aNightWrapsOverTheWeekEnd() {
        // Saturday's night ends on Sunday morning, across the Sat(7) -> Sun(1) wrap of the numbering
        DateSchedule saturdayNight = DateSchedule.parse("Sat 22-5");
        assertThat(saturdayNight.contains(at("Sat", 22, 0))).isTrue();
        assertThat(saturdayNight.contains(at("Sun", 5, 59))).isTrue();
        assertThat(saturdayNight.contains(at("Sun", 6, 0))).isFalse();
        assertThat(saturdayNight.contains(at("Sat", 5, 0))).isFalse();
        DateSchedule weekEnd = DateSchedule.parse("7-1");
        assertThat(weekEnd.contains(at("Sat", 0, 0))).isTrue();
        assertThat(weekEnd.contains(at("Sun", 23, 0))).isTrue();
        assertThat(weekEnd.contains(at("Mon", 0, 0))).isFalse();
    }

    @Test
    void aSameHourRangeIsThatHourOnly() {
        DateSchedule noon = DateSchedule.parse("* 12-12");
        assertThat(noon.contains(at("Mon", 12, 30))).isTrue();
        assertThat(noon.contains(at("Mon", 13, 0))).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\" is rejected naming ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            Thu-Xyz 18-3     | 'Xyz' is not a day
            8                | '8' is not a day
            0 *              | '0' is not a day
            Thu 24           | '24' is not an hour
            Thu 18-3x        | '3x' is not an hour
            Thu -1           | '-1' is not a value or a range
            Mon-Tue-Wed      | 'Mon-Tue-Wed' is not a value or a range
            Thu 18-3 extra   | unexpected 'extra'
            Thu 18-3,        | empty range
            Thursdays        | 'Thursdays' is not a day
            """)
    void badSyntaxIsRejectedNamingTheBadToken(String text, String message) {
        assertThatThrownBy(() -> DateSchedule.parse(text)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void anEmptyScheduleIsRejected() {
        assertThatThrownBy(() -> DateSchedule.parse(" ")).isInstanceOf(ConfigException.class).hasMessageContaining("empty");
    }
}
