package dev.wirewatch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.CoChair;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.Evidence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DialogueClassifierTest {

  private final DialogueClassifier classifier = DialogueClassifier.standard();

  @Test
  void usSeedIsAHeldRoundInWashingtonWithRelativeDatesResolved() {
    // Given the 2012 China-U.S. report, datelined WASHINGTON, July 25 and saying "on Monday and Tuesday"
    ArticleInput article = Articles.usDialogue2012();

    // When
    Verdict v = classifier.classify(article);

    // Then
    assertTrue(v.isDialogue());
    DialogueEvent d = v.dialogue();
    assertEquals(List.of("US"), d.getCounterparts());
    assertEquals("dialogue", d.getFormat());
    assertEquals("HELD", d.getStatus());
    assertEquals("2012-07-23", d.getStartDate());
    assertEquals("2012-07-24", d.getEndDate());
    assertEquals("Washington", d.getLocation().getCity());
    assertEquals("US", d.getLocation().getCountry());
    assertEquals(List.of("Chen Xu/CN", "Michael Posner/US"), chairs(d));
    assertEquals("2011-04", d.getPreviousRound().getDate());
    assertEquals("Beijing", d.getPreviousRound().getCity());
    assertTrue(d.getTone().containsAll(List.of("frank", "open", "constructive")), d.getTone().toString());
    assertTrue(d.getTopics().containsAll(List.of("rule-of-law", "freedom-of-expression", "racial-discrimination")), d.getTopics().toString());
    assertEquals("cn-us/human-rights-dialogue/2012-07", d.getEventId());
    assertEquals(article.id(), d.getMentions().get(0).getArticleId());
    assertTrue(v.confidence() > 0.9, "confidence " + v.confidence());
  }

  @Test
  void euSeedFromASpokespersonBriefingIsAHeldRoundInChongqing() {
    // Given the 2024 China-EU briefing report; no dateline, published in Beijing time
    ArticleInput article = Articles.euDialogue2024();

    // When
    Verdict v = classifier.classify(article);

    // Then
    assertTrue(v.isDialogue());
    DialogueEvent d = v.dialogue();
    assertEquals(List.of("EU"), d.getCounterparts());
    assertEquals("HELD", d.getStatus());
    assertEquals("2024-06-13", d.getStartDate());
    assertEquals("2024-06-17", d.getEndDate());
    assertEquals("Chongqing", d.getLocation().getCity());
    assertEquals("CN", d.getLocation().getCountry());
    assertEquals(List.of("Shen Bo/CN", "Paola Pampaloni/EU"), chairs(d));
    assertTrue(d.getCoChairs().get(1).getTitle().contains("European External Action Service"));
    assertTrue(d.getTopics().containsAll(List.of("xinjiang", "xizang", "hong-kong", "judicial-cases", "racial-discrimination",
        "rights-of-migrants", "women-rights", "children-rights", "disability-rights")), d.getTopics().toString());
    assertTrue(d.getTone().containsAll(List.of("candid", "in-depth")), d.getTone().toString());
    assertEquals("cn-eu/human-rights-dialogue/2024-06", d.getEventId());
  }

  @Test
  void everyEvidenceQuoteIsTheTextAtItsOffsets() {
    // Given both seed-like articles
    for (ArticleInput article : List.of(Articles.usDialogue2012(), Articles.euDialogue2024())) {
      // When
      DialogueEvent d = classifier.classify(article).dialogue();

      // Then
      assertFalse(d.getEvidence().isEmpty());
      for (Evidence e : d.getEvidence()) {
        assertEquals(article.text().substring(e.getStart(), e.getEnd()), e.getQuote(), e.getField());
      }
      assertTrue(d.getEvidence().stream().anyMatch(e -> e.getField().equals("startDate")));
      assertTrue(d.getEvidence().stream().anyMatch(e -> e.getField().equals("coChairs")));
    }
  }

  @Test
  void whitePaperIsNotADialogue() {
    // Given a white paper that talks about dialogue on human rights in general
    // When
    Verdict v = classifier.classify(Articles.whitePaper());

    // Then
    assertFalse(v.isDialogue());
    assertNull(v.dialogue());
    assertTrue(v.confidence() < 0.5);
  }

  @Test
  void humanRightsCouncilSessionIsNotADialogue() {
    // Given a UN Human Rights Council session report
    // When
    Verdict v = classifier.classify(Articles.humanRightsCouncil());

    // Then
    assertFalse(v.isDialogue());
  }

  @Test
  void roundReportedOnlyInALaterParagraphOfABriefingIsFound() {
    // Given a multi-topic briefing whose headline never mentions the dialogue
    ArticleInput article = new ArticleInput("brief-1", "ecns", "https://www.ecns.cn/b1", "Spokesperson on trade, travel and EU ties",
        "2024-06-19T09:00:00+08:00", null, "en", """
        (ECNS) -- The premier will travel to Central Asia next month, a Foreign Ministry spokesperson said on Tuesday.

        Asked about tariffs, the spokesperson urged restraint.

        Asked about ties with Europe, the spokesperson said China and the EU had held a round of talks on human rights in \
        Chongqing from June 13 to 17.""");

    // When
    Verdict v = classifier.classify(article);

    // Then
    assertTrue(v.isDialogue());
    assertEquals("2024-06-13", v.dialogue().getStartDate());
    assertEquals("Chongqing", v.dialogue().getLocation().getCity());
  }

  @Test
  void announcementOnWednesdayOfAFridayRoundResolvesToThatFriday() {
    // Given an announcement dated Wednesday 11 June 2025 of consultations "on Friday"
    // When
    Verdict v = classifier.classify(Articles.swissAnnouncement());

    // Then
    assertTrue(v.isDialogue());
    assertEquals("ANNOUNCED", v.dialogue().getStatus());
    assertEquals("2025-06-13", v.dialogue().getStartDate());
    assertEquals(18, v.dialogue().getRound());
    assertEquals("Bern", v.dialogue().getLocation().getCity());
    assertEquals(List.of("CH"), v.dialogue().getCounterparts());
  }

  @Test
  void announcementAndHeldReportOfOneRoundShareTheEventId() {
    // Given an announcement on Wednesday and a report of the round being held on Friday
    // When
    DialogueEvent announced = classifier.classify(Articles.swissAnnouncement()).dialogue();
    DialogueEvent held = classifier.classify(Articles.swissHeld()).dialogue();

    // Then
    assertEquals("HELD", held.getStatus());
    assertEquals("cn-ch/human-rights-dialogue/2025-06", announced.getEventId());
    assertEquals(announced.getEventId(), held.getEventId());
  }

  @Test
  void coChairsWithNamesNeverSeenAreReadFromTitleNameOrganisationStructure() {
    // Given "Director General <name> of <org> and Ambassador <name> co-chaired"
    // When
    DialogueEvent held = classifier.classify(Articles.swissHeld()).dialogue();

    // Then
    assertEquals(List.of("Ma Lianhe/CN", "Ingrid Solberg Favre/CH"), chairs(held));
    assertEquals("Bern", held.getLocation().getCity());
  }

  @Test
  void consultationFormatAndPostponementAreRead() {
    // Given a postponed round of consultations with the Netherlands
    ArticleInput article = new ArticleInput("nl-1", "xinhua", "https://english.news.cn/nl1", "China, Netherlands put off rights talks",
        "2024-10-02T12:00:00+08:00", "BEIJING, Oct. 2 (Xinhua)", "en", """
        BEIJING, Oct. 2 (Xinhua) -- China and the Netherlands have postponed their human rights consultations, which had \
        been planned for Oct. 10 in The Hague, the Dutch embassy said on Wednesday.""");

    // When
    Verdict v = classifier.classify(article);

    // Then
    assertTrue(v.isDialogue());
    assertEquals("consultation", v.dialogue().getFormat());
    assertEquals("POSTPONED", v.dialogue().getStatus());
    assertEquals(List.of("NL"), v.dialogue().getCounterparts());
    assertEquals("cn-nl/human-rights-consultation/2024-10", v.dialogue().getEventId());
  }

  @Test
  void chineseCopyIsDetectedWithCounterpartStatusDatesCityAndCoChairs() {
    // Given a Chinese-language report (language left for the classifier to guess)
    ArticleInput article = new ArticleInput("zh-1", "xinhua", "https://www.news.cn/zh1", "中欧举行第三十九次人权对话",
        "2024-06-18T20:00:00+08:00", null, null,
        "新华社北京6月18日电 6月13日至17日，中国和欧盟在重庆举行第三十九次人权对话。外交部国际司司长沈波和欧盟对外行动署亚太总司副总司长帕姆帕洛尼共同主持。\n\n"
            + "双方认为对话坦诚、深入。");

    // When
    Verdict v = classifier.classify(article);

    // Then
    assertTrue(v.isDialogue());
    DialogueEvent d = v.dialogue();
    assertEquals(List.of("EU"), d.getCounterparts());
    assertEquals("HELD", d.getStatus());
    assertEquals(39, d.getRound());
    assertEquals("2024-06-13", d.getStartDate());
    assertEquals("2024-06-17", d.getEndDate());
    assertEquals("Chongqing", d.getLocation().getCity());
    assertEquals(List.of("沈波/CN", "帕姆帕洛尼/EU"), chairs(d));
    assertTrue(d.getTone().containsAll(List.of("candid", "in-depth")), d.getTone().toString());
  }

  @Test
  void versionIsDerivedFromTheRuleFiles() {
    // Given the standard classifier and a variant with one more tone word
    DialogueClassifier variant = DialogueClassifier.withResources(
        Map.of("tone.tsv", DialogueClassifier.shippedResource("tone.tsv") + "calm\tlone\tcalm\n"));

    // When / Then
    assertTrue(classifier.version().matches("1\\.[0-9a-f]{12}"), classifier.version());
    assertEquals(classifier.version(), DialogueClassifier.standard().version());
    assertEquals(classifier.version(), DialogueClassifier.withResources(Map.of()).version());
    assertNotEquals(classifier.version(), variant.version());
    assertEquals(variant.version(), variant.classify(Articles.usDialogue2012()).classifierVersion());
    assertEquals(variant.version(), variant.classify(Articles.usDialogue2012()).dialogue().getClassifierVersion());
  }

  @Test
  void unknownResourceNameIsRejected() {
    // Given / When / Then
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DialogueClassifier.withResources(Map.of("nope.tsv", "")));
    assertTrue(e.getMessage().contains("nope.tsv"));
  }

  @Test
  void articleWithoutIdIsRejectedAtTheBoundary() {
    // Given / When / Then
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ArticleInput(" ", null, null, null, null, null, null, ""));
    assertTrue(e.getMessage().contains("id"));
  }

  @Test
  void emptyArticleIsNotADialogue() {
    // Given / When
    Verdict v = classifier.classify(new ArticleInput("e", null, null, null, null, null, null, ""));

    // Then
    assertFalse(v.isDialogue());
    assertNotNull(v.classifierVersion());
  }

  static List<String> chairs(DialogueEvent d) {
    return d.getCoChairs().stream().map((CoChair c) -> c.getName() + "/" + c.getSide()).toList();
  }
}
