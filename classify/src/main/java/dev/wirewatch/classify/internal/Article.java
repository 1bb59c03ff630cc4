package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Hits;
import java.time.LocalDate;

/**
 * One article as the readers see it: the body cut into sentences, the title, the reference points, the rule matches
 * and the date expressions, each worked out once per article.
 *
 * @param ref the day relative dates resolve against: the dateline's, else the publication day in Beijing time
 * @param datelineEnd where the dateline prefix of the body ends (0 when none)
 * @param titleOnTopic the title says "human rights" and names a dialogue or a counterpart
 * @param chinaInTitle the title names China
 */
record Article(Text text, String title, Datelines.Dateline dateline, LocalDate ref, int datelineEnd, Hits hits, ArticleDates dates,
               boolean titleOnTopic, boolean chinaInTitle) {

  String body() {
    return text.body();
  }

  String lower() {
    return text.lower();
  }
}
