package xtremweb.gui.frame;

/** An entry of a combo box: the value it stands for (a UID, or null for "any"/"none") and what it shows. */
public record Choice(String value, String text) {
    @Override
    public String toString() {
        return text;
    }
}
