package dev.wirewatch.sink.internal;

/**
 * A partition's stored next offset moving from {@code expected} (null: no row yet) to {@code next}.
 */
public record OffsetMove(int partition, Long expected, long next) {
}
