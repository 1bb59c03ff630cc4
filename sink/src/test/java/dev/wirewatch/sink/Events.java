package dev.wirewatch.sink;

import dev.wirewatch.schema.CoChair;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.Evidence;
import dev.wirewatch.schema.Location;
import dev.wirewatch.schema.Mention;
import dev.wirewatch.schema.RoundRef;
import java.util.List;

/** One-line fixtures of dialogue events; the wording is made up for the tests. */
public final class Events {

  private Events() {
  }

  /** A held round with one co-chair, one piece of evidence and two mentions. */
  public static DialogueEvent event(String counterpart, String startDate, String status) {
    String eventId = "cn-" + counterpart.toLowerCase() + "/human-rights-dialogue/" + startDate;
    return DialogueEvent.newBuilder()
        .setEventId(eventId)
        .setFormat("dialogue")
        .setCounterparts(List.of(counterpart))
        .setStatus(status)
        .setRound(7)
        .setStartDate(startDate)
        .setEndDate(startDate)
        .setLocation(Location.newBuilder().setCity("Geneva").setCountry("CH").build())
        .setCoChairs(List.of(CoChair.newBuilder().setName("Test Chair").setTitle("Director").setSide("CN").build()))
        .setTopics(List.of("judicial-reform"))
        .setTone(List.of("frank"))
        .setPreviousRound(RoundRef.newBuilder().setDate("2023-02").setCity("Berne").setRound(6).build())
        .setNextRound(null)
        .setEvidence(List.of(Evidence.newBuilder().setField("startDate").setQuote("on Monday").setStart(10).setEnd(19)
            .build()))
        .setConfidence(0.9)
        .setClassifierVersion("test/1")
        .setMentions(List.of(
            mention("a-" + startDate, "xinhua", "+08:00"),
            mention("b-" + startDate, "ecns", "+08:00")))
        .build();
  }

  public static Mention mention(String articleId, String source, String offset) {
    return Mention.newBuilder()
        .setArticleId(articleId)
        .setSource(source)
        .setUrl("https://example.test/" + articleId)
        .setPublishedAt("2024-06-18T20:45:15" + offset)
        .setTitle("Officials meet for talks")
        .build();
  }

  /** The same event with another status (a later version of it). */
  public static DialogueEvent withStatus(DialogueEvent event, String status) {
    return DialogueEvent.newBuilder(event).setStatus(status).build();
  }
}
