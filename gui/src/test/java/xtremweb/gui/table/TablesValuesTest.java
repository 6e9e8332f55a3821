package xtremweb.gui.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import xtremweb.gui.look.Tone;

class TablesValuesTest {
    @Test
    void sizesReadAsPeopleWriteThemAndSortAsNumbers() {
        assertThat(new Size(999).toString()).isEqualTo("999 B");
        assertThat(new Size(1_400_000).toString()).isEqualTo("1.4 MB");
        assertThat(new Size(768_000).toString()).isEqualTo("768 kB");
        List<Size> sizes = new ArrayList<>(List.of(new Size(2_000_000), new Size(900), new Size(30_000)));
        Collections.sort(sizes);
        assertThat(sizes).extracting(Size::bytes).containsExactly(900L, 30_000L, 2_000_000L);
    }

    @Test
    void timesAreShortForTodayAndDatedOtherwise() {
        LocalDate today = LocalDate.of(2026, 12, 3);
        assertThat(Times.shortly(Instant.parse("2026-12-03T19:01:02Z"), ZoneOffset.UTC, today)).isEqualTo("19:01:02");
        assertThat(Times.shortly(Instant.parse("2026-11-30T08:05:00Z"), ZoneOffset.UTC, today)).contains("30").contains("08:05");
        assertThat(Times.shortly(Instant.parse("2025-01-02T00:00:00Z"), ZoneOffset.UTC, today)).isEqualTo("2025-01-02");
    }

    @Test
    void badgesSortByRankNotAlphabetically() {
        List<Badge> badges = new ArrayList<>(List.of(new Badge("ERROR", Tone.BAD, 4), new Badge("PENDING", Tone.WAITING, 0),
                new Badge("COMPLETED", Tone.GOOD, 3)));
        Collections.sort(badges);
        assertThat(badges).extracting(Badge::text).containsExactly("PENDING", "COMPLETED", "ERROR");
    }
}
