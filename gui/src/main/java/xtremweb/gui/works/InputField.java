package xtremweb.gui.works;

import java.awt.BorderLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JTextField;
import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import xtremweb.common.wire.DataView;
import xtremweb.gui.frame.Choice;
import xtremweb.gui.prefs.UserPrefs;

/**
 * A work's input (standard input or environment) as {@code --xwstdin} and {@code --xwenv} take it:
 * a local file (uploaded when the work is submitted), the UID of a data already on the server, or an
 * http(s) URI; chosen with "File..." and "Data..." or typed.
 */
final class InputField extends JPanel {
    private final JTextField value = new JTextField(28);

    InputField(String name, String what, boolean directories, UserPrefs prefs, Supplier<List<DataView>> data) {
        super(new BorderLayout(UIScale.scale(4), 0));
        value.setName(name);
        value.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "none");
        value.putClientProperty(FlatClientProperties.TEXT_FIELD_SHOW_CLEAR_BUTTON, true);
        JButton file = new JButton("File...");
        file.setName(name + ".file");
        file.setToolTipText("Choose a local file" + (directories ? " or folder (zipped for you)" : "") + " to upload as " + what);
        file.addActionListener(e -> {
            JFileChooser chooser = new JFileChooser(prefs.folder("uploads").map(Path::toFile).orElse(null));
            chooser.setName("chooser.uploads");
            chooser.setDialogTitle(what);
            chooser.setFileSelectionMode(directories ? JFileChooser.FILES_AND_DIRECTORIES : JFileChooser.FILES_ONLY);
            if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
                Path chosen = chooser.getSelectedFile().toPath().toAbsolutePath();
                if (chosen.getParent() != null) {
                    prefs.folder("uploads", chosen.getParent());
                }
                value.setText(chosen.toString());
            }
        });
        JButton existing = new JButton("Data...");
        existing.setName(name + ".data");
        existing.setToolTipText("Use a data already on the server as " + what);
        existing.addActionListener(e -> {
            Choice[] choices = data.get().stream()
                    .map(d -> new Choice(d.uid(), d.name() + "  (" + WorksSource.shortUid(d.uid()) + ")")).toArray(Choice[]::new);
            if (choices.length == 0) {
                JOptionPane.showMessageDialog(this, "You have no data on the server yet; choose a File, or insert data in"
                        + " the Data tab.", what, JOptionPane.INFORMATION_MESSAGE);
                return;
            }
            Object picked = JOptionPane.showInputDialog(this, "The data to use as " + what + ":", what,
                    JOptionPane.PLAIN_MESSAGE, null, choices, choices[0]);
            if (picked instanceof Choice c) {
                value.setText(c.value());
            }
        });
        JPanel buttons = new JPanel(new BorderLayout(UIScale.scale(4), 0));
        buttons.add(file, BorderLayout.WEST);
        buttons.add(existing, BorderLayout.EAST);
        add(value, BorderLayout.CENTER);
        add(buttons, BorderLayout.EAST);
    }

    /** The file path, data UID or URI; empty for none. */
    String value() {
        return value.getText().trim();
    }

    void value(String text) {
        value.setText(text == null ? "" : text);
    }

    @Override
    public void setToolTipText(String text) {
        super.setToolTipText(text);
        value.setToolTipText(text);
    }
}
