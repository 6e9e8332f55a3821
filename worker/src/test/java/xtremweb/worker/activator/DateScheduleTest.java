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
            # "Thu-Tue 18-3" : from thursday to tuesday, from 6:00PM to 3:59AM; the fields are independent, as in
            # crontab: a day from Thursday to Tuesday AND an hour from 18 to 3
            Thu-Tue 18-3 | Thu | 18 | 0  | true
            Thu-Tue 18-3 | Thu | 2  | 0  | true
            Thu-Tue 18-3 | Fri | 3  | 59 | true
            Thu-Tue 18-3 | Sun | 23 | 0  | true
            Thu-Tue 18-3 | Tue | 3  | 0  | true
            Thu-Tue 18-3 | Tue | 23 | 59 | true
            Thu-Tue 18-3 | Wed | 3  | 59 | false
            Thu-Tue 18-3 | Wed | 0  | 0  | false
            Thu-Tue 18-3 | Wed | 18 | 0  | false
            Thu-Tue 18-3 | Thu | 4  | 0  | false
            Thu-Tue 18-3 | Fri | 12 | 0  | false
            Thu-Tue 18-3 | Fri | 17 | 59 | false
            # "Thu-Tue 18-3, Sat-Sun *" : the hours above AND every week end, full day
            Thu-Tue 18-3, Sat-Sun * | Sat | 12 | 0  | true
            Thu-Tue 18-3, Sat-Sun * | Sun | 4  | 0  | true
            Thu-Tue 18-3, Sat-Sun * | Fri | 19 | 0  | true
            Thu-Tue 18-3, Sat-Sun * | Mon | 2  | 0  | true
            Thu-Tue 18-3, Sat-Sun * | Mon | 12 | 0  | false
            Thu-Tue 18-3, Sat-Sun * | Wed | 12 | 0  | false
            Thu-Tue 18-3, Sat-Sun * | Wed | 1  | 0  | false
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

    @ParameterizedTest(name = "\"{0}\" at {1} {2}:{3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # the day field and the hour field are independent: the morning after the last day is outside
            Fri-Mon 22-6 | Tue | 3  | 0  | false
            Fri-Mon 22-6 | Mon | 3  | 0  | true
            Fri-Mon 22-6 | Mon | 22 | 0  | true
            Fri-Mon 22-6 | Fri | 3  | 0  | true
            Fri-Mon 22-6 | Fri | 6  | 59 | true
            Fri-Mon 22-6 | Fri | 7  | 0  | false
            Fri-Mon 22-6 | Fri | 21 | 59 | false
            Fri-Mon 22-6 | Sat | 12 | 0  | false
            Fri-Mon 22-6 | Thu | 23 | 0  | false
            # a night hour range alone: every day, the evening and the early morning
            * 22-6       | Wed | 23 | 30 | true
            * 22-6       | Wed | 0  | 0  | true
            * 22-6       | Wed | 6  | 59 | true
            * 22-6       | Wed | 7  | 0  | false
            * 22-6       | Wed | 21 | 59 | false
            # day ranges that wrap over the week end (Sat = 7 -> Sun = 1)
            Sat-Mon      | Sat | 0  | 0  | true
            Sat-Mon      | Sun | 12 | 0  | true
            Sat-Mon      | Mon | 23 | 59 | true
            Sat-Mon      | Tue | 0  | 0  | false
            Sat-Mon      | Fri | 23 | 59 | false
            7-1          | Sat | 0  | 0  | true
            7-1          | Sun | 23 | 0  | true
            7-1          | Mon | 0  | 0  | false
            # a night of one day only: that day's evening and that day's early morning
            Sat 22-5     | Sat | 22 | 0  | true
            Sat 22-5     | Sat | 5  | 0  | true
            Sat 22-5     | Sun | 5  | 59 | false
            Sat 22-5     | Fri | 23 | 0  | false
            """)
    void nightsAndWrappedDayRangesKeepTheFieldsIndependent(String text, String day, int hour, int minute, boolean active) {
        assertThat(DateSchedule.parse(text).contains(at(day, hour, minute))).isEqualTo(active);
    }

    @Test
    void aSameHourRangeIsThatHourOnly() {
        DateSchedule noon = DateSchedule.parse("* 12-12");
        assertThat(noon.contains(at("Mon", 12, 30))).isTrue();
        assertThat(noon.contains(at("Mon", 13, 0))).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\" is rejected naming ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Thu-Xyz 18-3     | 'Xyz' is not a day (in the days 'Thu-Xyz')
            8                | '8' is not a day;
            0 *              | '0' is not a day;
            *-Fri 1-2        | '*' is not a day (in the days '*-Fri'); * stands alone
            Thu 24           | '24' is not an hour from 0 to 23;
            Thu 18-3x        | '3x' is not an hour from 0 to 23 (in the hours '18-3x')
            * *-3            | '*' is not an hour from 0 to 23 (in the hours '*-3'); * stands alone
            * 6-*            | '*' is not an hour from 0 to 23 (in the hours '6-*')
            * 18:30          | '18:30' is not an hour
            * +5             | '+5' is not an hour
            Thu -1           | the hours '-1' are not a value or a range x-y
            Mon-Tue-Wed      | the days 'Mon-Tue-Wed' are not a value or a range x-y
            Mon- 3           | the days 'Mon-' are not a value or a range x-y
            Thu 18-3 extra   | unexpected 'extra'
            Thu 18-3,        | empty window
            Thursdays        | 'Thursdays' is not a day
            """)
    void badSyntaxIsRejectedNamingTheBadTokenAndItsField(String text, String message) {
        assertThatThrownBy(() -> DateSchedule.parse(text)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("activator.date \"" + text + "\"").hasMessageContaining(message);
    }

    @Test
    void anEmptyScheduleIsRejected() {
        assertThatThrownBy(() -> DateSchedule.parse(" ")).isInstanceOf(ConfigException.class).hasMessageContaining("empty");
    }

    @Test
    void theManualsQuotedExamplesMeanTheSameWithoutQuotes() {
        DateSchedule quoted = DateSchedule.parse("\"Thu-Tue 18-3, Sat-Sun *\"");
        assertThat(quoted).hasToString("Thu-Tue 18-3, Sat-Sun *");
        assertThat(quoted.contains(at("Thu", 18, 0))).isTrue();
        assertThat(quoted.contains(at("Wed", 18, 0))).isFalse();
        assertThatThrownBy(() -> DateSchedule.parse("\"\"")).isInstanceOf(ConfigException.class).hasMessageContaining("empty");
    }
}
