package dev.wirewatch.classify.internal.match;

/** A stretch of text, {@code [start, end)} in UTF-16 offsets. */
public record Span(int start, int end) {

  /** Whether {@code at} lies in this span. */
  public boolean contains(int at) {
    return at >= start && at < end;
  }

  /** The covered text of {@code s}. */
  public String of(String s) {
    return s.substring(start, end);
  }
}
