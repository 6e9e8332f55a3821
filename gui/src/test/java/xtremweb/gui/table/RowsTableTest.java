package xtremweb.gui.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SortOrder;
import javax.swing.RowSorter;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import xtremweb.gui.prefs.UserPrefs;

/** Tables without a window (their models and columns need no display). */
class RowsTableTest {
    record Fruit(String name, int weight) {
    }

    private final UserPrefs prefs = new UserPrefs(Preferences.userRoot().node("xtremweb-gui-unit/" + UUID.randomUUID()));
    private final List<Column<Fruit>> columns = List.of(
            Column.of("Name", String.class, Fruit::name, 10, "its name"),
            Column.of("Weight", Integer.class, Fruit::weight, 6, "its weight"));

    private RowsTable<Fruit> table() {
        return new RowsTable<>("fruits", columns, Fruit::name, () -> "No fruit yet.", prefs);
    }

    @Test
    void columnsOrderWidthsAndSortAreRememberedForTheNextTime() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            RowsTable<Fruit> first = table();
            first.table().getColumnModel().moveColumn(1, 0);
            first.table().getColumnModel().getColumn(1).setWidth(123);
            first.table().getRowSorter().setSortKeys(List.of(new RowSorter.SortKey(1, SortOrder.DESCENDING)));
            RowsTable<Fruit> next = table();
            assertThat(next.table().getColumnName(0)).isEqualTo("Weight");
            assertThat(next.table().getColumnModel().getColumn(1).getPreferredWidth()).isEqualTo(123);
            assertThat(List.copyOf(next.table().getRowSorter().getSortKeys()))
                    .isEqualTo(List.of(new RowSorter.SortKey(1, SortOrder.DESCENDING)));
        });
    }

    @Test
    void aRefreshKeepsTheSelectedRowsSelected() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            RowsTable<Fruit> fruits = table();
            fruits.replace(List.of(new Fruit("apple", 150), new Fruit("pear", 170), new Fruit("plum", 40)));
            fruits.table().setRowSelectionInterval(1, 1);
            fruits.replace(List.of(new Fruit("fig", 50), new Fruit("apple", 151), new Fruit("pear", 171), new Fruit("plum", 41)));
            assertThat(fruits.selected()).containsExactly(new Fruit("pear", 171));
        });
    }

    @Test
    void theFilterCountsWhatIsShownAndTheEmptyTableSaysWhatToDo() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            RowsTable<Fruit> fruits = table();
            assertThat(((HintTable) fruits.table()).emptyHint()).isEqualTo("No fruit yet.");
            fruits.replace(List.of(new Fruit("apple", 150), new Fruit("pear", 170)));
            fruits.filter(f -> f.weight() > 160);
            assertThat(fruits.shown()).isEqualTo(1);
            assertThat(fruits.rows()).hasSize(2);
        });
    }

    @Test
    void rowsJustCreatedAreSelectedWhenTheyArriveInsteadOfTheOldSelection() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            RowsTable<Fruit> fruits = table();
            fruits.replace(List.of(new Fruit("apple", 150), new Fruit("pear", 170)));
            fruits.table().setRowSelectionInterval(0, 0);
            fruits.selectWhenShown(java.util.Set.of("fig", "kiwi"));
            fruits.replace(List.of(new Fruit("apple", 150), new Fruit("pear", 170)));
            assertThat(fruits.selected()).as("not there yet: the selection stays").containsExactly(new Fruit("apple", 150));
            fruits.replace(List.of(new Fruit("apple", 150), new Fruit("fig", 50), new Fruit("pear", 170), new Fruit("kiwi", 30)));
            assertThat(fruits.selected()).containsExactly(new Fruit("fig", 50), new Fruit("kiwi", 30));
            fruits.table().setRowSelectionInterval(0, 0);
            fruits.replace(List.of(new Fruit("apple", 150), new Fruit("fig", 50), new Fruit("pear", 170), new Fruit("kiwi", 30)));
            assertThat(fruits.selected()).as("selected once, then the user's choice").containsExactly(new Fruit("apple", 150));
        });
    }

    record Work(String uid, String label, String app, String owner, String host, String session) {
    }

    @Test
    void aTableAsksItsWindowForTheWidthOfAllItsColumns() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            List<Column<Work>> columns = List.of(
                    Column.of("Label", String.class, Work::label, 14, "its label"),
                    Column.of("App", String.class, Work::app, 10, "its app"),
                    Column.of("Owner", String.class, Work::owner, 9, "its owner"),
                    Column.of("Host", String.class, Work::host, 11, "its host"),
                    Column.of("Session", String.class, Work::session, 9, "its session"),
                    Column.uid(Work::uid, "its UID"));
            RowsTable<Work> works = new RowsTable<>("wide", columns, Work::uid, () -> "No work yet.", prefs);
            int columnsWidth = 0;
            for (int i = 0; i < works.table().getColumnCount(); i++) {
                columnsWidth += works.table().getColumnModel().getColumn(i).getPreferredWidth();
            }
            // A window sized to its content (MainWindow's first size) then shows the UID whole.
            assertThat(works.component().getPreferredSize().width).isGreaterThanOrEqualTo(columnsWidth);
        });
    }

    @Test
    void aNarrowWindowScrollsSidewaysInsteadOfCuttingTheUidAndACutCellTellsItsWholeTextInATooltip() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            List<Column<Work>> columns = List.of(
                    Column.of("Label", String.class, Work::label, 14, "its label"),
                    Column.of("App", String.class, Work::app, 10, "its app"),
                    Column.of("Owner", String.class, Work::owner, 9, "its owner"),
                    Column.of("Host", String.class, Work::host, 11, "its host"),
                    Column.of("Session", String.class, Work::session, 9, "its session"),
                    Column.uid(Work::uid, "its UID"));
            RowsTable<Work> works = new RowsTable<>("narrow", columns, Work::uid, () -> "No work yet.", prefs);
            String uid = "3f2a9c1e-7b44-4d0e-9a61-0c5be2d8f7aa";
            works.replace(List.of(new Work(uid, "an energy scan of the whole detector", "apptest", "admin",
                    "worker-1.example.org", "run-1")));
            JScrollPane scroll = (JScrollPane) works.component();
            scroll.setSize(400, 300);
            scroll.doLayout();
            scroll.getViewport().doLayout();
            // The viewport gives the table its width, as in a window.
            JTable table = works.table();
            table.doLayout();

            int column = table.getColumnModel().getColumnIndex("UID");
            int needed = table.prepareRenderer(table.getCellRenderer(0, column), 0, column).getPreferredSize().width;
            assertThat(table.getColumnModel().getColumn(column).getWidth()).as("the UID's width").isGreaterThanOrEqualTo(needed);
            assertThat(scroll.getHorizontalScrollBar().isVisible()).as("a horizontal scroll bar").isTrue();

            Rectangle label = table.getCellRect(0, table.getColumnModel().getColumnIndex("Label"), false);
            MouseEvent hover = new MouseEvent(table, MouseEvent.MOUSE_MOVED, 0, 0, label.x + 5, label.y + 5, 0, false);
            assertThat(table.getToolTipText(hover)).isEqualTo("an energy scan of the whole detector");
            Rectangle app = table.getCellRect(0, table.getColumnModel().getColumnIndex("App"), false);
            assertThat(table.getToolTipText(new MouseEvent(table, MouseEvent.MOUSE_MOVED, 0, 0, app.x + 5, app.y + 5, 0, false)))
                    .as("a whole cell needs no tooltip").isNull();
        });
    }
}
