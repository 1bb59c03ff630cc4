package dev.wirewatch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.DialogueEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per general rule written for the phrasing of outlets other than the wire: embassies, ministries, newspapers,
 * NGOs. Every article is invented for the rule it exercises (mostly an imaginary China–Norway series).
 */
class WorldPhrasingRulesTest {

  private final DialogueClassifier classifier = DialogueClassifier.standard();

  private static ArticleInput article(String id, String title, String publishedAt, String dateline, String language, String body) {
    return new ArticleInput(id, "generic", "https://paper.example/" + id, title, publishedAt, dateline, language, body);
  }

  private DialogueEvent dialogue(ArticleInput a) {
    Verdict v = classifier.classify(a);
    assertTrue(v.isDialogue(), "not detected: " + a.text());
    return v.dialogue();
  }

  private void notADialogue(ArticleInput a) {
    Verdict v = classifier.classify(a);
    assertFalse(v.isDialogue(), "detected: " + a.text());
  }

  // ------------------------------------------------------------------ missed reports

  @Test
  void talksWithThePartnerNamedBeforeTheSubjectThatBeganAreAHeldRound() {
    // Given "talks with <partner> on human rights" and the verb "began"
    ArticleInput a = article("w-began", "Norwegian envoys in Beijing", "2025-05-13T20:00:00+02:00", "OSLO, May 13 —", "en", """
        OSLO, May 13 — Norwegian diplomats began two days of talks with China on human rights in Beijing on Monday, the \
        ministry said.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("HELD", d.getStatus());
    assertEquals(List.of("NO"), d.getCounterparts());
  }

  @Test
  void theSeriesUnderTheNameRoundtableIsTheDialogue() {
    // Given a roundtable on human rights that a city hosted
    ArticleInput a = article("w-rt", "Roundtable in Bergen", "2025-09-04T12:00:00+02:00", null, "en", """
        Bergen hosted the ninth Norway-China Roundtable on Human Rights on 3 September, with officials of both \
        foreign ministries taking part.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("HELD", d.getStatus());
    assertEquals("2025-09-03", d.getStartDate());
  }

  @Test
  void aChinesePairFormWithWordsBeforeTheDialogueNamesChinaAsAParty() {
    // Given 中挪 as the only mention of China, separated from 人权对话 by a round number and a date
    ArticleInput a = article("w-pair", "中挪举行人权对话", "2025-06-11T18:00:00+08:00", null, "zh", """
        中挪第九次人权对话10日在奥斯陆举行，双方就司法领域合作交换了意见。""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals(List.of("NO"), d.getCounterparts());
    assertEquals("2025-06-10", d.getStartDate());
  }

  @Test
  void aSentenceThatNamesTheRoundAsTheOccasionOfSomethingElseSaysItTookPlace() {
    // Given no status verb about the round: a press conference "following" it
    ArticleInput a = article("w-occasion", "Envoys brief reporters", "2025-03-06T18:00:00+01:00", "OSLO, March 6 —", "en", """
        OSLO, March 6 — Speaking to reporters following the tenth Norway-China human rights dialogue in Oslo yesterday, \
        the Chinese envoy said differences should be handled calmly.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("HELD", d.getStatus());
    assertEquals("2025-03-05", d.getStartDate());
  }

  @Test
  void theFutureWithoutWillIsAnAnnouncement() {
    // Given "are to meet ... next Tuesday"
    ArticleInput a = article("w-future", "Rights talks next week", "2025-04-03T10:00:00+02:00", "OSLO, April 3 —", "en", """
        OSLO, April 3 — Norwegian and Chinese officials are to meet in Oslo next Tuesday for a human rights dialogue, the \
        foreign ministry said.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("ANNOUNCED", d.getStatus());
  }

  @Test
  void theNounPostponementIsAPostponedRound() {
    // Given the status as a noun
    ArticleInput a = article("w-postp", "Dialogue put back", "2025-02-11T10:00:00+01:00", null, "en", """
        Norway announced the postponement of its human rights dialogue with China, planned for March, citing scheduling \
        problems on both sides.""");

    // When / Then
    assertEquals("POSTPONED", dialogue(a).getStatus());
  }

  // ------------------------------------------------------------------ false alarms

  @Test
  void aDemandToSuspendTheDialogueIsNotItsStatus() {
    // Given a round that took place and an NGO that wants the next ones suspended
    ArticleInput a = article("w-demand", "Rights dialogue held in Oslo", "2025-05-08T18:00:00+02:00", "OSLO, May 8 —", "en", """
        OSLO, May 8 — Norway and China held their human rights dialogue in Oslo on Wednesday. A coalition of campaigners \
        urged the government to suspend the human rights dialogue until detained writers are freed.""");

    // When / Then
    assertEquals("HELD", dialogue(a).getStatus());
  }

  @Test
  void aRoundMentionedOnceInPassingInAStoryAboutSomethingElseIsNotTheNews() {
    // Given a story on fisheries talks whose fourth sentence recalls the human rights dialogue
    ArticleInput a = article("w-passing", "Norway and China sign fisheries accord", "2025-05-20T18:00:00+02:00", "OSLO, May 20 —", "en", """
        OSLO, May 20 — Norway and China signed an accord on fisheries research on Tuesday.

        The accord covers data sharing and joint surveys in the Barents Sea.

        Officials said quotas were not discussed.

        The two governments also keep a separate human rights dialogue, held in Beijing earlier this year.""");

    // When / Then
    notADialogue(a);
  }

  @Test
  void dialoguesInThePluralNameTheMechanismNotARound() {
    // Given an essay about the dialogues in general, one of them said to be suspended
    ArticleInput a = article("w-plural", "What the talks achieved", "2025-01-15T09:00:00+00:00", null, "en", """
        Western human rights dialogues with China once numbered more than a dozen. Norway's was suspended long ago, and \
        scholars now ask what the others achieved.""");

    // When / Then
    notADialogue(a);
  }

  // ------------------------------------------------------------------ co-chairs

  private static List<String> names(DialogueEvent d) {
    return d.getCoChairs().stream().map(c -> c.getName() + "/" + c.getSide()).sorted().toList();
  }

  @Test
  void headsOfDelegationGivenAsAListAreTheCoChairs() {
    // Given "Heads of delegation were A, title, and B, title"
    ArticleInput a = article("w-heads", "Norway-China human rights dialogue", "2025-06-12T12:00:00+02:00", null, "en", """
        Norway and China held their human rights dialogue in Oslo on 11 June. Heads of delegation were Ingrid Solberg, \
        Director of the Norwegian Ministry of Foreign Affairs, and Wang Lei, Director-General of China's Ministry of \
        Foreign Affairs.""");

    // When / Then
    assertEquals(List.of("Ingrid Solberg/NO", "Wang Lei/CN"), names(dialogue(a)));
  }

  @Test
  void anOfficialAsSubjectOfHeldConsultationsWithAnotherGivesBothHeads() {
    // Given "A, title, held consultations ... with B, title" after a date opener
    ArticleInput a = article("w-heldwith", "Human rights consultations with Norway", "2025-06-12T12:00:00+08:00", null, "en", """
        On June 10, Wang Lei, Special Representative of the Chinese Foreign Ministry, held human rights consultations in \
        Beijing with Ingrid Solberg, Director of the Norwegian Ministry of Foreign Affairs.""");

    // When / Then
    assertEquals(List.of("Ingrid Solberg/NO", "Wang Lei/CN"), names(dialogue(a)));
  }

  @Test
  void aSecondMentionBySurnameOnlyIsTheFullNameSaidBefore() {
    // Given a head named in full in the lead and by surname alone where the co-chairs are listed
    ArticleInput a = article("w-surname", "Human rights talks in Oslo", "2025-06-12T12:00:00+02:00", "OSLO, June 12 —", "en", """
        OSLO, June 12 — Ingrid Solberg of the Norwegian foreign ministry welcomed a Chinese delegation for human rights \
        talks held in Oslo on Wednesday. Solberg and Wang Lei, China's special representative, co-chaired the talks.""");

    // When / Then
    assertEquals(List.of("Ingrid Solberg/NO", "Wang Lei/CN"), names(dialogue(a)));
  }

  @Test
  void aPossessiveSideAndAnAppositiveLedByGiveTheHeads() {
    // Given "China's delegation was led by A" and "The Norwegian delegation, headed by B,"
    ArticleInput a = article("w-ledby", "Human rights dialogue in Oslo", "2025-06-12T12:00:00+02:00", null, "en", """
        Norway and China held their human rights dialogue in Oslo on 11 June. China's delegation was led by Wang Lei, \
        a director-general of the foreign ministry. The Norwegian delegation, headed by Ingrid Solberg, raised \
        individual cases.""");

    // When / Then
    assertEquals(List.of("Ingrid Solberg/NO", "Wang Lei/CN"), names(dialogue(a)));
  }

  @Test
  void chineseHeadsWhoEachLedADelegationKeepTheNameWithoutItsLatinForm() {
    // Given 分别率团 after two titled names, one with its Latin form in brackets
    ArticleInput a = article("w-zhlead", "中挪举行人权对话", "2025-06-11T18:00:00+08:00", null, "zh", """
        中挪第九次人权对话10日在奥斯陆举行。外交部国际司司长王磊和挪威外交部司长英格丽·索尔贝格（Ingrid Solberg）分别率团出席。""");

    // When / Then
    assertEquals(List.of("王磊/CN", "英格丽·索尔贝格/NO"), names(dialogue(a)));
  }

  // ------------------------------------------------------------------ status

  @Test
  void aCallOffToldInAnAfterClauseIsBackgroundNotTheRoundsStatus() {
    // Given an announced round and, in an after-clause, an earlier postponement
    ArticleInput a = article("w-after", "Rights talks back on", "2025-04-03T10:00:00+02:00", "OSLO, April 3 —", "en", """
        OSLO, April 3 — Norway and China will hold their human rights dialogue in Oslo on April 15, a year after Beijing \
        postponed the previous round.""");

    // When / Then
    assertEquals("ANNOUNCED", dialogue(a).getStatus());
  }

  @Test
  void aWishThatTheDialogueResumeTakesTheStatusTheNextSentenceGives() {
    // Given a minister who would like the talks held again, and the dialogue said to be on hold
    ArticleInput a = article("w-wish", "Minister wants rights talks back", "2025-04-03T10:00:00+02:00", "OSLO, April 3 —", "en", """
        OSLO, April 3 — Norway's foreign minister said she would like the human rights dialogue with China to be held again \
        soon. The dialogue has been on hold since last year.""");

    // When / Then
    assertEquals("SUSPENDED", dialogue(a).getStatus());
  }

  @Test
  void aSentenceSaidToBeSuspendedIsNoSuspendedDialogue() {
    // Given a round announced for Thursday and a writer with a suspended sentence
    ArticleInput a = article("w-sentence", "Rights dialogue on Thursday", "2025-04-07T10:00:00+02:00", "OSLO, April 7 —", "en", """
        OSLO, April 7 — Norway and China will hold a human rights dialogue in Oslo on Thursday, where Norway will raise \
        the case of a writer given a suspended sentence.""");

    // When / Then
    assertEquals("ANNOUNCED", dialogue(a).getStatus());
  }

  @Test
  void chineseScheduledForAndStalledHaveTheirStatus() {
    // Given 定于…举行 (scheduled) and 停摆 (stalled)
    ArticleInput scheduled = article("w-dingyu", "中挪人权对话", "2025-06-09T18:00:00+08:00", null, "zh", """
        经双方商定，中挪第九次人权对话定于6月12日在奥斯陆举行。""");
    ArticleInput stalled = article("w-tingbai", "中挪人权对话停摆", "2025-06-09T18:00:00+08:00", null, "zh", """
        中挪人权对话已停摆三年，挪方表示希望早日恢复。""");

    // When / Then
    assertEquals("ANNOUNCED", dialogue(scheduled).getStatus());
    assertEquals("SUSPENDED", dialogue(stalled).getStatus());
  }

  // ------------------------------------------------------------------ dates

  @Test
  void aStatedLengthWidensTheDayGivenToTheMeetingsSpan() {
    // Given "two days of talks ... on Monday" with no word that they ended that day
    ArticleInput a = article("w-length", "Rights talks in Oslo", "2025-05-12T20:00:00+02:00", "OSLO, May 12 —", "en", """
        OSLO, May 12 — Norway and China held two days of human rights talks in Oslo beginning on Monday, the ministry \
        said.""");

    // When
    DialogueEvent d = dialogue(a);

    // Then
    assertEquals("2025-05-12", d.getStartDate());
    assertEquals("2025-05-13", d.getEndDate());
  }
}
