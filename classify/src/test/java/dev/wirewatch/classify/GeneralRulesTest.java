package dev.wirewatch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.DialogueEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per general rule added in round 2 of the classifier: sentence shapes, date logic, lexicon forms. Every
 * article here is invented for the rule it exercises (a China–Norway series unless the rule needs another party).
 */
class GeneralRulesTest {

  private final DialogueClassifier classifier = DialogueClassifier.standard();

  private static ArticleInput xinhua(String id, String title, String publishedAt, String dateline, String body) {
    return new ArticleInput(id, "xinhua", "https://english.news.cn/" + id, title, publishedAt, dateline, "en", body);
  }

  private DialogueEvent dialogue(ArticleInput article) {
    Verdict v = classifier.classify(article);
    assertTrue(v.isDialogue(), "not detected: " + article.text());
    return v.dialogue();
  }

  // ------------------------------------------------------------------ detection

  @Test
  void headlineSayingTalksAndBodyThatMetForTheDialogueIsAHeldRound() {
    // Given "met in <city> ... for their human rights dialogue" under a "talks" headline
    ArticleInput a = xinhua("met-1", "China, Norway hold human rights talks in Oslo", "2025-03-06T19:00:00+08:00",
        "OSLO, March 6 (Xinhua)", """
        OSLO, March 6 (Xinhua) -- Chinese and Norwegian diplomats met in Oslo on Wednesday for their yearly human rights \
        dialogue, the Chinese embassy said.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("HELD", d.getStatus());
    assertEquals(List.of("NO"), d.getCounterparts());
    assertEquals("2025-03-05", d.getStartDate());
  }

  @Test
  void briefingParagraphThatNamesOnlyTheTwoCountriesStillHasChinaAsAParty() {
    // Given a multi-topic briefing; China is named in the first paragraph only
    ArticleInput a = new ArticleInput("brief-1", "ecns", "https://www.ecns.cn/brief-1", "FM briefing: ports, visas, rain",
        "2025-03-10T17:00:00+08:00", null, "en", """
        (ECNS) -- China will keep its ports open to foreign shipping, a Foreign Ministry spokesperson said on Monday.

        Asked about exchanges with Norway, the spokesperson said the two countries held a human rights dialogue in Oslo \
        last Thursday.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals(List.of("NO"), d.getCounterparts());
    assertEquals("2025-03-06", d.getStartDate());
    assertEquals("Oslo", d.getLocation().getCity());
  }

  @Test
  void roundCalledOffCitingSanctionsIsStillACancellation() {
    // Given a cancellation whose reason is sanctions (a near-miss word)
    ArticleInput a = xinhua("cxl-1", "China calls off rights dialogue", "2025-04-02T18:00:00+08:00", "BEIJING, April 2 (Xinhua)", """
        BEIJING, April 2 (Xinhua) -- China said on Wednesday that the human rights dialogue with Norway planned for May \
        has been called off, citing new sanctions on Chinese firms.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("CANCELLED", d.getStatus());
    assertNull(d.getStartDate(), "the day it was called off is not the round's date");
  }

  @Test
  void dateBeforeTheAnchorOfASuspensionIsWhenItWasDecidedAndTheEmbassyCityIsNoVenue() {
    // Given "China on Friday suspended ..., the embassy in <city> said"
    ArticleInput a = xinhua("susp-1", "China suspends rights dialogue", "2025-04-04T18:00:00+08:00", "BEIJING, April 4 (Xinhua)", """
        BEIJING, April 4 (Xinhua) -- China on Friday suspended its human rights dialogue with Norway, the Chinese embassy \
        in Oslo said.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("SUSPENDED", d.getStatus());
    assertNull(d.getStartDate());
    assertNull(d.getLocation());
  }

  @Test
  void dialogueThatLastMetYearsAgoInARelativeClauseIsNotAReport() {
    // Given a summit story listing mechanisms, one "a human rights dialogue that last met in 2019"
    ArticleInput a = xinhua("bg-1", "Leaders meet in Beijing", "2025-05-12T20:00:00+08:00", "BEIJING, May 12 (Xinhua)", """
        BEIJING, May 12 (Xinhua) -- Chinese and Norwegian leaders met in Beijing on Monday to discuss trade.

        The two countries run some 20 exchange mechanisms, chaired by ministers, including a human rights dialogue that \
        last met in 2019.""");

    // When / Then
    assertFalse(classifier.classify(a).isDialogue());
  }

  @Test
  void chineseShortFormOfThePairNamesTheCounterpart() {
    // Given "中挪" (China-Norway) as the only name of the other side
    ArticleInput a = new ArticleInput("zh-no-1", "xinhua", "https://www.news.cn/zh-no-1", "中挪举行人权对话",
        "2025-03-05T20:00:00+08:00", null, null, "新华社北京3月5日电 第十一次中挪人权对话3月4日在北京举行。");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals(List.of("NO"), d.getCounterparts());
    assertEquals(11, d.getRound());
    assertEquals("2025-03-04", d.getStartDate());
  }

  // ------------------------------------------------------------------ dates

  @Test
  void dayItOpenedInOneSentenceAndDayItEndedInAnotherGiveTheSpan() {
    // Given "concluded ... on Wednesday" and, later, "which opened on Tuesday" (dateline Wednesday)
    ArticleInput a = xinhua("span-1", "China, Norway end rights talks", "2025-03-13T05:00:00+08:00", "OSLO, March 12 (Xinhua)", """
        OSLO, March 12 (Xinhua) -- China and Norway concluded their human rights dialogue here on Wednesday.

        The talks, which opened on Tuesday, dealt with the rule of law.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("2025-03-11", d.getStartDate());
    assertEquals("2025-03-12", d.getEndDate());
    assertEquals("Oslo", d.getLocation().getCity());
  }

  @Test
  void meetingLengthWidensTheDayItEnded() {
    // Given "ended ... on Friday" and "the three-day meeting"
    ArticleInput a = xinhua("span-2", "China, Norway end rights talks", "2025-03-15T05:00:00+08:00", "OSLO, March 14 (Xinhua)", """
        OSLO, March 14 (Xinhua) -- China and Norway ended a round of human rights talks here on Friday.

        The three-day meeting covered labor rights.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("2025-03-12", d.getStartDate());
    assertEquals("2025-03-14", d.getEndDate());
  }

  @Test
  void heldReportSayingLastWeekSharesTheAnnouncementsEventId() {
    // Given an announcement with the day and a report a week later that only says "last week"
    ArticleInput announced = xinhua("ann-1", "China, Norway to hold rights dialogue", "2025-06-23T16:00:00+08:00",
        "BEIJING, June 23 (Xinhua)", """
        BEIJING, June 23 (Xinhua) -- China and Norway will hold their human rights dialogue in Oslo on June 26, the \
        Foreign Ministry said on Monday.""");
    ArticleInput held = xinhua("held-1", "Rights dialogue held", "2025-07-02T16:00:00+08:00", "BEIJING, July 2 (Xinhua)", """
        BEIJING, July 2 (Xinhua) -- China and Norway held a human rights dialogue in Oslo last week, the Foreign Ministry \
        said on Wednesday.""");

    // When
    DialogueEvent a = dialogue(announced);
    DialogueEvent h = dialogue(held);

    // Then
    assertEquals("cn-no/human-rights-dialogue/2025-06", a.getEventId());
    assertEquals(a.getEventId(), h.getEventId());
  }

  // ------------------------------------------------------------------ places

  @Test
  void placeNotInTheCityListIsReadFromTheDemonymCityOf() {
    // Given "in the Norwegian city of Bergen" (Bergen is not in cities.tsv)
    ArticleInput a = xinhua("city-1", "China, Norway hold rights dialogue", "2025-03-11T18:00:00+08:00", "BEIJING, March 11 (Xinhua)", """
        BEIJING, March 11 (Xinhua) -- China and Norway held their human rights dialogue in the Norwegian city of Bergen \
        on Monday.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("Bergen", d.getLocation().getCity());
    assertEquals("NO", d.getLocation().getCountry());
  }

  @Test
  void placeNotInTheCityListIsReadFromCityCommaCountry() {
    // Given "in Tromso, Norway"
    ArticleInput a = xinhua("city-2", "China, Norway hold rights dialogue", "2025-03-11T18:00:00+08:00", "BEIJING, March 11 (Xinhua)", """
        BEIJING, March 11 (Xinhua) -- China and Norway held their human rights dialogue in Tromso, Norway, on Monday.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("Tromso", d.getLocation().getCity());
    assertEquals("NO", d.getLocation().getCountry());
  }

  // ------------------------------------------------------------------ co-chairs

  @Test
  void chairedTogetherWithNamesBothChairs() {
    // Given "A, title, chaired the talks together with B of <org>"
    ArticleInput a = xinhua("ch-1", "Rights dialogue held", "2025-03-11T18:00:00+08:00", "OSLO, March 11 (Xinhua)", """
        OSLO, March 11 (Xinhua) -- China and Norway held a human rights dialogue here on Tuesday. Wang Jianmin, a director \
        general at the Foreign Ministry, chaired the talks together with Ingrid Haugen of the Norwegian foreign \
        ministry, the embassy said.""");

    // When / Then
    assertEquals(List.of("Wang Jianmin/CN", "Ingrid Haugen/NO"), DialogueClassifierTest.chairs(dialogue(a)));
  }

  @Test
  void oneSideLedActivelyAndTheOtherHeadedByGiveBothLeaders() {
    // Given "A, title, led the Chinese side, while the Norwegian side was headed by B, title"
    ArticleInput a = xinhua("ch-2", "Rights dialogue held", "2025-03-11T18:00:00+08:00", "OSLO, March 11 (Xinhua)", """
        OSLO, March 11 (Xinhua) -- China and Norway held a human rights dialogue here on Tuesday.

        Wang Jianmin, a director general at the Foreign Ministry, led the Chinese side, while the Norwegian side was headed \
        by Ingrid Haugen, the ministry's envoy for human rights.""");

    // When / Then
    assertEquals(List.of("Wang Jianmin/CN", "Ingrid Haugen/NO"), DialogueClassifierTest.chairs(dialogue(a)));
  }

  @Test
  void secondDelegationLeaderInAnEllipticalClauseIsRead() {
    // Given "the Chinese delegation was headed by A, title, and the Norwegian delegation by Ambassador B"
    ArticleInput a = xinhua("ch-3", "Rights dialogue held", "2025-03-11T18:00:00+08:00", "OSLO, March 11 (Xinhua)", """
        OSLO, March 11 (Xinhua) -- China and Norway held a human rights dialogue here on Tuesday.

        The Chinese delegation was headed by Wang Jianmin, a director general at the Foreign Ministry, and the Norwegian \
        delegation by Ambassador Ingrid van der Berg.""");

    // When / Then
    assertEquals(List.of("Wang Jianmin/CN", "Ingrid van der Berg/NO"), DialogueClassifierTest.chairs(dialogue(a)));
  }

  @Test
  void twoPeopleWhoLedTheirDelegationsAreTheCoChairs() {
    // Given "A, title, and <title> B led their delegations"
    ArticleInput a = xinhua("ch-4", "Rights dialogue held", "2025-03-11T18:00:00+08:00", "OSLO, March 11 (Xinhua)", """
        OSLO, March 11 (Xinhua) -- China and Norway held a human rights dialogue here on Tuesday.

        Wang Jianmin, a director general at the Foreign Ministry, and Norwegian State Secretary Ingrid Haugen led their \
        delegations.""");

    // When / Then
    assertEquals(List.of("Wang Jianmin/CN", "Ingrid Haugen/NO"), DialogueClassifierTest.chairs(dialogue(a)));
  }

  @Test
  void chineseCoChairsAreSplitAtTheJoinerThatEndsAName() {
    // Given "由A与B共同主持" where B's title itself contains 和
    ArticleInput a = new ArticleInput("zh-no-2", "xinhua", "https://www.news.cn/zh-no-2", "中挪将举行人权对话",
        "2025-03-02T16:00:00+08:00", null, null,
        "新华社北京3月2日电 中国和挪威将于3月5日在奥斯陆举行人权对话，对话将由外交部国际司司长王建民与挪威外交部人权和民主事务特使英格丽·豪根共同主持。");

    // When / Then
    assertEquals(List.of("王建民/CN", "英格丽·豪根/NO"), DialogueClassifierTest.chairs(dialogue(a)));
  }

  @Test
  void chineseHeadsOfDelegationAreRead() {
    // Given "中方代表团由A率领，挪方代表团团长为B"
    ArticleInput a = new ArticleInput("zh-no-3", "xinhua", "https://www.news.cn/zh-no-3", "中挪将举行人权磋商",
        "2025-03-02T16:00:00+08:00", null, null,
        "新华社北京3月2日电 中国和挪威将于3月5日在奥斯陆举行人权磋商。\n\n中方代表团将由外交部国际司副司长王建民率领，挪方代表团团长为挪威外交部特使英格丽·豪根。");

    // When / Then
    assertEquals(List.of("王建民/CN", "英格丽·豪根/NO"), DialogueClassifierTest.chairs(dialogue(a)));
  }

  // ------------------------------------------------------------------ rounds

  @Test
  void lowerOrdinalIsThePreviousRoundAndHigherOneTheNext() {
    // Given "the 12th round" with "The 11th round was held in <city> in <month>" and "agreed to hold the 13th round in ..."
    ArticleInput a = xinhua("rr-1", "Rights dialogue held", "2025-03-11T18:00:00+08:00", "OSLO, March 11 (Xinhua)", """
        OSLO, March 11 (Xinhua) -- China and Norway held the 12th round of their human rights dialogue here on Tuesday.

        The 11th round was held in Beijing in May 2023. The two sides agreed to hold the 13th round in Beijing next year.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals(12, d.getRound());
    assertEquals("2023-05", d.getPreviousRound().getDate());
    assertEquals("Beijing", d.getPreviousRound().getCity());
    assertEquals("2026", d.getNextRound().getDate());
    assertEquals("Beijing", d.getNextRound().getCity());
  }

  @Test
  void chineseNextRoundPutsDateAndPlaceBeforeTheCue() {
    // Given "同意2026年在奥斯陆举行下一次对话"
    ArticleInput a = new ArticleInput("zh-no-4", "xinhua", "https://www.news.cn/zh-no-4", "中挪举行人权对话",
        "2025-03-05T20:00:00+08:00", null, null,
        "新华社北京3月5日电 中国和挪威3月4日在北京举行人权对话。双方同意2026年在奥斯陆举行下一次对话。");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("2026", d.getNextRound().getDate());
    assertEquals("Oslo", d.getNextRound().getCity());
  }

  @Test
  void firstDialogueAfterAGapIsNotRoundOne() {
    // Given "their first human rights dialogue in five years"
    ArticleInput a = xinhua("gap-1", "Rights dialogue resumes", "2025-03-11T18:00:00+08:00", "OSLO, March 11 (Xinhua)", """
        OSLO, March 11 (Xinhua) -- China and Norway held their first human rights dialogue in five years here on Tuesday.""");

    // When / Then
    assertNull(dialogue(a).getRound());
  }

  @Test
  void abbreviationDotsBetweenOrdinalAndNounKeepTheRound() {
    // Given "The 21st Sino-U.S. human rights dialogue"
    ArticleInput a = xinhua("us-1", "Rights dialogue held", "2025-03-11T18:00:00+08:00", "WASHINGTON, March 11 (Xinhua)", """
        WASHINGTON, March 11 (Xinhua) -- The 21st Sino-U.S. human rights dialogue was held here on Tuesday.""");

    // When / Then
    assertEquals(21, dialogue(a).getRound());
  }
}
