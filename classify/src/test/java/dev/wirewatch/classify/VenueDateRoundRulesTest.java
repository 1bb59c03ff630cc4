package dev.wirewatch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.DialogueEvent;
import org.junit.jupiter.api.Test;

/**
 * One test per general rule for where, when and which round: datelines in the world's forms, days resolved in the
 * dateline city's zone, venues in appositions, rounds of the series only. Every article is invented for its rule
 * (an imaginary China–Norway series, with its Oslo desk).
 */
class VenueDateRoundRulesTest {

  private final DialogueClassifier classifier = DialogueClassifier.standard();

  private DialogueEvent dialogue(String publishedAt, String dateline, String body) {
    Verdict v = classifier.classify(new ArticleInput("t", "generic", "https://paper.example/t", "Norway and China discuss human rights",
        publishedAt, dateline, "en", body));
    assertTrue(v.isDialogue(), "not detected: " + body);
    return v.dialogue();
  }

  @Test
  void todayInAnEveningStoryFromEuropeIsTheDatelineCitysDay() {
    // 21:30 in Oslo is already the next day in Beijing; "today" is Oslo's day.
    DialogueEvent e = dialogue("2025-03-04T21:30:00+01:00", "OSLO —", """
        OSLO — Norway and China held their annual human rights dialogue in Oslo today, the foreign ministry said.""");
    assertEquals("2025-03-04", e.getStartDate());
  }

  @Test
  void aDayFirstDatelineWithItsYearIsTheReferenceDay() {
    DialogueEvent e = dialogue("2025-03-05T02:00:00+08:00", "Oslo, 4 March 2025", """
        The human rights dialogue between Norway and China took place in Oslo today.""");
    assertEquals("2025-03-04", e.getStartDate());
  }

  @Test
  void withoutADatelineTodayIsTheDayOnThePublishersClock() {
    DialogueEvent e = dialogue("2025-03-04T22:10:00+01:00", null, """
        During today's human rights dialogue with China in Oslo, the state secretary raised freedom of expression.""");
    assertEquals("2025-03-04", e.getStartDate());
  }
}
