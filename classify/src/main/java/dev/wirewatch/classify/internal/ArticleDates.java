package dev.wirewatch.classify.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Date expressions of one article by span and tense, found once: candidates share their cluster sentences. Not
 * thread-safe: one instance per classification.
 */
final class ArticleDates {

  private final String body;
  private final String lower;
  private final LocalDate ref;
  private final Map<Long, List<Dates.DateMention>> found = new HashMap<>();

  ArticleDates(String body, String lower, LocalDate ref) {
    this.body = body;
    this.lower = lower;
    this.ref = ref;
  }

  /** The dates in {@code body[from, to)}, relative ones resolved forwards when {@code future}. */
  List<Dates.DateMention> find(int from, int to, boolean future) {
    long key = ((long) from << 32 | (long) to << 1) ^ (future ? 1L : 0L);
    return found.computeIfAbsent(key, k -> Dates.find(body, lower, from, to, ref, future));
  }
}
