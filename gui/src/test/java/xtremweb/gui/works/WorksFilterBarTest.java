package xtremweb.gui.works;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.util.List;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** The Works tab's filter bar keeps its search field (Ctrl+F) on screen in a narrow window. */
class WorksFilterBarTest {
    private static void layOut(Component c) {
        if (c instanceof Container container) {
            container.doLayout();
            for (Component child : container.getComponents()) {
                layOut(child);
            }
        }
    }

    @Test
    void theSearchFieldStaysVisibleWhenTheWindowIsNarrow() {
        JTextField search = new JTextField(18);
        JPanel bar = WorksTab.filterBar(new JLabel("Show:"), List.of(new JComboBox<>(new String[] {"All statuses"}),
                new JComboBox<>(new String[] {"Any session"}), new JComboBox<>(new String[] {"Any group"})), search);
        int narrow = bar.getPreferredSize().width - search.getPreferredSize().width / 2;
        bar.setSize(narrow, bar.getPreferredSize().height);
        layOut(bar);

        Rectangle where = SwingUtilities.convertRectangle(search.getParent(), search.getBounds(), bar);
        assertThat(where.width).as("search width in a bar %d px wide", narrow).isGreaterThanOrEqualTo(search.getPreferredSize().width / 3);
        assertThat(new Rectangle(bar.getSize()).contains(where)).as("search %s inside the bar %s", where, bar.getSize()).isTrue();
    }
}
