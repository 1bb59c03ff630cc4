package dev.wirewatch.classify.internal;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A text as read in simplified characters, with the way back: for each character of {@link #text()} the span of the
 * original it came from, so evidence found in the simplified text points into the original.
 */
final class Simplified {

  private final String original;
  private final String text;
  /** Per character of {@code text}, the original span it came from; null when offsets are the same in both. */
  private final int[] starts;
  private final int[] ends;

  private Simplified(String original, String text, int[] starts, int[] ends) {
    this.original = original;
    this.text = text;
    this.starts = starts;
    this.ends = ends;
  }

  static Simplified unchanged(String text) {
    return new Simplified(text, text, null, null);
  }

  /** Characters replaced one for one: offsets are the same in both texts. */
  static Simplified sameLength(String original, String text) {
    return new Simplified(original, text, null, null);
  }

  /** Built character by character, for replacements of another length ({@code formOf} gives a char's simplified form). */
  static Simplified remapped(String original, IntFunction<String> formOf) {
    StringBuilder text = new StringBuilder(original.length());
    int[] starts = new int[original.length() + 1];
    int[] ends = new int[original.length() + 1];
    for (int i = 0; i < original.length(); i++) {
      String piece = formOf.apply(original.charAt(i));
      for (int k = 0; k < piece.length(); k++) {
        if (text.length() == starts.length) {
          starts = Arrays.copyOf(starts, starts.length * 2);
          ends = Arrays.copyOf(ends, ends.length * 2);
        }
        starts[text.length()] = i;
        ends[text.length()] = i + 1;
        text.append(piece.charAt(k));
      }
    }
    return new Simplified(original, text.toString(), starts, ends);
  }

  /** The text in simplified characters. */
  String text() {
    return text;
  }

  /** Whether any character was replaced. */
  boolean changed() {
    return !text.equals(original);
  }

  /** The original offset where the character at {@code start} of the simplified text begins. */
  int originalStart(int start) {
    if (starts == null) {
      return start;
    }
    return start >= text.length() ? original.length() : starts[start];
  }

  /** The original offset where a span of the simplified text ending (exclusive) at {@code end} ends. */
  int originalEnd(int end) {
    if (starts == null) {
      return end;
    }
    return end == 0 ? 0 : ends[end - 1];
  }

  /** The original text of the simplified span {@code [start, end)}. */
  String originalText(int start, int end) {
    return original.substring(originalStart(start), originalEnd(end));
  }
}
