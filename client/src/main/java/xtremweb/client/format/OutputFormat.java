package xtremweb.client.format;

/**
 * The manual's {@code --xwformat} values, plus JSON. TEXT is for people (a few columns, aligned);
 * every other format is complete (all fields of every object) and meant to be parsed.
 */
public enum OutputFormat {
    TEXT, XML, HTML, CSV, JSON
}
