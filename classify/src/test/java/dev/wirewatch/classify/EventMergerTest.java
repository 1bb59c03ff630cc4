package dev.wirewatch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.Mention;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventMergerTest {

  private static DialogueEvent reading(String articleId, String publishedAt, String status, double confidence, Integer round,
                                       String startDate) {
    return DialogueEvent.newBuilder()
        .setEventId("cn-ch/human-rights-dialogue/2025-06").setFormat("dialogue").setCounterparts(List.of("CH"))
        .setStatus(status).setRound(round).setStartDate(startDate).setEndDate(startDate).setConfidence(confidence)
        .setClassifierVersion("1.test")
        .setMentions(List.of(Mention.newBuilder().setArticleId(articleId).setSource("xinhua").setUrl("u/" + articleId)
            .setPublishedAt(publishedAt).build()))
        .build();
  }

  private final List<DialogueEvent> readings = List.of(
      reading("a", "2025-06-11T16:00:00+08:00", "ANNOUNCED", 0.97, 18, "2025-06-13"),
      reading("b", "2025-06-13T23:00:00Z", "HELD", 0.95, null, "2025-06-13"),
      reading("c", "2025-06-12T09:00:00+08:00", "ANNOUNCED", 0.80, 17, null));

  @Test
  void statusComesFromTheLatestPublishedReadingAndFieldsFromTheMostConfident() {
    // Given readings of one round: announcement (most confident), later held report, a weak early one
    // When
    DialogueEvent merged = EventMerger.merge("cn-ch/human-rights-dialogue/2025-06", readings);

    // Then: "b" at 23:00Z is 07:00 next day in Beijing, the latest
    assertEquals("HELD", merged.getStatus());
    assertEquals(18, merged.getRound());
    assertEquals("2025-06-13", merged.getStartDate());
    assertEquals(0.97, merged.getConfidence());
    assertEquals(List.of("a", "c", "b"), merged.getMentions().stream().map(Mention::getArticleId).toList());
  }

  @Test
  void mergeIsTheSameInAnyOrder() {
    // Given every order of the readings, and shuffles
    DialogueEvent expected = EventMerger.merge("e", readings);
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      List<DialogueEvent> shuffled = new ArrayList<>(readings);
      Collections.shuffle(shuffled, random);

      // When
      DialogueEvent merged = EventMerger.merge("e", shuffled);

      // Then
      assertEquals(expected, merged);
    }
  }

  @Test
  void duplicateArticleIsCountedOnce() {
    // Given the same article twice
    // When
    DialogueEvent merged = EventMerger.merge("e", List.of(readings.get(0), readings.get(0)));

    // Then
    assertEquals(1, merged.getMentions().size());
  }

  @Test
  void emptyReadingsAreRejected() {
    // Given / When / Then
    assertThrows(IllegalArgumentException.class, () -> EventMerger.merge("e", List.of()));
  }
}
