package xtremweb.gui.frame;

/** What a tab lists, to count it: "1 work", "124 works". */
public record Noun(String one, String many) {
    public String count(int n) {
        return String.format("%,d %s", n, n == 1 ? one : many);
    }
}
