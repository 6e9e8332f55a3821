package xtremweb.gui.table;

import xtremweb.gui.look.Tone;

/**
 * A short status word and what it means (its colour): {@code COMPLETED} good, {@code ERROR} bad...
 * Sorted by {@code rank}, so statuses sort in the order of a work's life, not alphabetically;
 * {@code detail} (an error's reason) shows when the pointer rests on it.
 */
public record Badge(String text, Tone tone, int rank, String detail) implements Comparable<Badge> {
    /** A badge whose word says it all. */
    public Badge(String text, Tone tone, int rank) {
        this(text, tone, rank, null);
    }

    @Override
    public int compareTo(Badge other) {
        return rank != other.rank ? Integer.compare(rank, other.rank) : text.compareTo(other.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
