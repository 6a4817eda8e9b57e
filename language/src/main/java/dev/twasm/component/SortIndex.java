package dev.twasm.component;

/** A definition named by its sort and its index in that sort's index space ({@code sortidx}, {@code core:sortidx}). */
public record SortIndex(Sort sort, int index) {
}
