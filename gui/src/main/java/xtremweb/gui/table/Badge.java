package xtremweb.gui.table;

import xtremweb.gui.look.Tone;

/**
 * A short status word and what it means (its colour): {@code COMPLETED} good, {@code ERROR} bad...
 * Sorted by {@code rank}, so statuses sort in the order of a work's life, not alphabetically.
 */
public record Badge(String text, Tone tone, int rank) implements Comparable<Badge> {
    @Override
    public int compareTo(Badge other) {
        return rank != other.rank ? Integer.compare(rank, other.rank) : text.compareTo(other.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
