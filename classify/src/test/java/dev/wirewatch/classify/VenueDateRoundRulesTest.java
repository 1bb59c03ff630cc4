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

  @Test
  void aCapitalNamedAfterItsAppositionIsTheVenueAndAGovernmentMetonymIsNot() {
    DialogueEvent e = dialogue("2025-06-12T12:00:00+02:00", null, """
        Rights groups regret that Beijing refused to meet them around the first human rights dialogue between Norway and China         since 2019.

        The dialogue took place in the Norwegian capital Oslo on Tuesday, the foreign ministry said.""");
    assertEquals("Oslo", e.getLocation().getCity());
  }

  @Test
  void inTheCityMeansTheDatelineCity() {
    DialogueEvent e = dialogue("2025-06-12T07:00:00+08:00", "OSLO, June 11 —", """
        OSLO, June 11 — Norway and China held their tenth human rights dialogue in the city on Wednesday, the ministry said.""");
    assertEquals("Oslo", e.getLocation().getCity());
  }

  @Test
  void aCityThatHostedTheRoundIsTheVenue() {
    DialogueEvent e = dialogue("2025-06-12T07:00:00+08:00", null, """
        Oslo hosted the tenth round of the human rights dialogue between Norway and China from 3 to 4 June.""");
    assertEquals("Oslo", e.getLocation().getCity());
  }

  @Test
  void anExplicitVenueOfTheRoundBeatsHereInALaterSentenceAboutAnotherMeeting() {
    DialogueEvent e = dialogue("2025-06-12T07:00:00+08:00", "BERLIN, June 11 —", """
        BERLIN, June 11 — A Chinese delegation has held human rights talks with Norway and Germany this week.

        The tenth China-Norway human rights dialogue took place in Oslo on Monday and Tuesday.

        On Wednesday the delegation held consultations on human rights with Germany here.""");
    assertEquals("Oslo", e.getLocation().getCity());
  }

  @Test
  void aCityVisitedDuringTheRoundIsNotItsVenue() {
    DialogueEvent e = dialogue("2025-06-12T07:00:00+08:00", null, """
        Norway and China will hold human rights talks beginning Monday, the ministry said on Friday. The Chinese delegation is         also to visit Shanghai.""");
    assertTrue(e.getLocation() == null || !"Shanghai".equals(e.getLocation().getCity()), String.valueOf(e.getLocation()));
  }

  @Test
  void aNumberOfAnotherSeriesIsNotTheRound() {
    DialogueEvent e = dialogue("2025-06-12T07:00:00+08:00", null,
        "Norway and China held their human rights dialogue in Oslo on Tuesday. The dialogue, the third strategic dialogue's "
            + "follow-up, covered freedom of expression.");
    assertEquals(null, e.getRound());
  }

  @Test
  void aCountSinceTheTalksResumedIsNotTheRound() {
    DialogueEvent e = dialogue("2025-06-12T07:00:00+08:00", null,
        "Norway and China held human rights talks in Oslo on Tuesday, the second session since the two sides agreed to resume them.");
    assertEquals(null, e.getRound());
  }

  @Test
  void aRoundtableCarriesItsNumber() {
    DialogueEvent e = dialogue("2025-06-12T07:00:00+08:00", null,
        "Norway and China opened their 14th roundtable on human rights in Oslo on Tuesday.");
    assertEquals(14, e.getRound());
  }

  @Test
  void aChineseOrdinalCountsOnlyBeforeTheSeriesNoun() {
    Verdict v = classifier.classify(new ArticleInput("z", "generic", "https://paper.example/z", "中挪人权对话在奥斯陆举行",
        "2025-06-12T07:00:00+08:00", null, "zh", "中国和挪威11日在奥斯陆举行人权对话。此前双方在第三轮中挪战略对话上商定了日期。"));
    assertTrue(v.isDialogue());
    assertEquals(null, v.dialogue().getRound());
    Verdict w = classifier.classify(new ArticleInput("z2", "generic", "https://paper.example/z2", "中挪人权对话在奥斯陆举行",
        "2025-06-12T07:00:00+08:00", null, "zh", "中国和挪威11日在奥斯陆举行第十四次人权对话。"));
    assertEquals(14, w.dialogue().getRound());
  }

  @Test
  void aRangeAcrossTwoMonthsWithTheDayFirstKeepsBothEnds() {
    DialogueEvent e = dialogue("2025-07-03T12:00:00+02:00", null,
        "Norway and China held their human rights dialogue in Oslo from 30 June to 1 July 2025, the ministry said.");
    assertEquals("2025-06-30", e.getStartDate());
    assertEquals("2025-07-01", e.getEndDate());
  }

  @Test
  void yesterdayAndTheDayBeforeIsATwoDaySpan() {
    DialogueEvent e = dialogue("2025-07-03T09:00:00+08:00", "OSLO, July 2 —", """
        OSLO, July 2 — Norway and China held their human rights dialogue in Oslo yesterday and the day before, officials said.""");
    assertEquals("2025-06-30", e.getStartDate());
    assertEquals("2025-07-01", e.getEndDate());
  }

  @Test
  void aChineseDatelineWithoutAnAgencyIsNotTheRoundsDay() {
    Verdict v = classifier.classify(new ArticleInput("z3", "generic", "https://paper.example/z3", "中挪人权对话在奥斯陆举行",
        "2025-06-12T18:00:00+08:00", null, "zh", "奥斯陆6月12日电 中国和挪威第十四次人权对话11日在奥斯陆举行。"));
    assertEquals("2025-06-11", v.dialogue().getStartDate());
  }

  @Test
  void aChineseDayRangeMayNameOnlyItsLastDay() {
    Verdict v = classifier.classify(new ArticleInput("z4", "generic", "https://paper.example/z4", "中挪人权对话将在奥斯陆举行",
        "2025-06-20T18:00:00+08:00", null, "zh", "中国和挪威将于本月（25至26日）在奥斯陆举行第十四次人权对话。"));
    assertEquals("2025-06-25", v.dialogue().getStartDate());
    assertEquals("2025-06-26", v.dialogue().getEndDate());
  }

  @Test
  void aPostponedRoundKeepsTheDaysItWasPlannedFor() {
    DialogueEvent e = dialogue("2025-06-20T18:00:00+02:00", null,
        "Norway and China were to hold their human rights dialogue in Oslo on Monday and Tuesday, but it has been postponed, "
            + "a spokesperson said on Friday.");
    assertEquals("2025-06-23", e.getStartDate());
  }

  @Test
  void topicsFollowTheLabelsConventions() {
    DialogueEvent e = dialogue("2025-06-12T07:00:00+08:00", null,
        "Norway and China held their human rights dialogue in Oslo on Tuesday. Norway raised the rights of minorities, the "
            + "detention of lawyers and the case of a jailed publisher; China presented its views on migration.");
    assertTrue(e.getTopics().containsAll(java.util.List.of("ethnic-minorities", "human-rights-defenders", "judicial-cases",
        "rights-of-migrants")), e.getTopics().toString());
  }

  @Test
  void aPassingMentionOfTheUnitedNationsIsNotMultilateralCooperation() {
    DialogueEvent e = dialogue("2025-06-12T07:00:00+08:00", null,
        "Norway and China held their human rights dialogue in Oslo on Tuesday. Norway raised the death penalty and the "
            + "UN covenant on civil and political rights, and both sides discussed cooperation at the Human Rights Council.");
    assertTrue(e.getTopics().contains("multilateral-cooperation"), e.getTopics().toString());
    DialogueEvent f = dialogue("2025-06-12T07:00:00+08:00", null,
        "Norway and China held their human rights dialogue in Oslo on Tuesday. Norway raised the death penalty and urged "
            + "China to ratify the UN covenant on civil and political rights.");
    assertTrue(!f.getTopics().contains("multilateral-cooperation"), f.getTopics().toString());
  }

  @Test
  void theSubjectOfHeldConsultationsWithMayFollowAnOpeningDate() {
    DialogueEvent e = dialogue("2025-06-12T07:00:00+08:00", null,
        "On June 10, 2025, Liu Wenbo, the Chinese Foreign Ministry's special representative for human rights, held consultations "
            + "on human rights in Oslo with Ingrid Haugen, director of the Norwegian foreign ministry's human rights section.");
    assertEquals(java.util.Set.of("Liu Wenbo", "Ingrid Haugen"),
        e.getCoChairs().stream().map(c -> c.getName()).collect(java.util.stream.Collectors.toSet()));
  }
}
