package dev.wirewatch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.CoChair;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.Evidence;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reports in traditional characters are read like their simplified twins, and what the verdict quotes still points into
 * the text as written. The articles are written for this test (the round and its officials are invented).
 */
class TraditionalChineseTest {

  private final DialogueClassifier classifier = DialogueClassifier.standard();

  private static ArticleInput article(String id, String title, String text) {
    return new ArticleInput(id, "generic", "https://example.org/" + id, title, "2025-07-03T18:00:00+08:00", null, "zh", text);
  }

  private static final ArticleInput TRADITIONAL = article("zh-hant-1", "中瑞人權對話在伯爾尼舉行", """
      外交部發言人3日表示，中國和瑞士7月1日至2日在伯爾尼舉行第十九次人權對話。

      外交部國際司司長王立與瑞士聯邦外交部亞太司司長馬庫斯·林德共同主持對話。雙方就法治建設、少數民族權利等議題交換意見。""");

  private static final ArticleInput SIMPLIFIED = article("zh-hans-1", "中瑞人权对话在伯尔尼举行", """
      外交部发言人3日表示，中国和瑞士7月1日至2日在伯尔尼举行第十九次人权对话。

      外交部国际司司长王立与瑞士联邦外交部亚太司司长马库斯·林德共同主持对话。双方就法治建设、少数民族权利等议题交换意见。""");

  @Test
  void aTraditionalReportGivesTheFieldsOfItsSimplifiedTwin() {
    // Given one report in both scripts
    // When
    Verdict hant = classifier.classify(TRADITIONAL);
    Verdict hans = classifier.classify(SIMPLIFIED);

    // Then the same round is read from both
    assertTrue(hans.isDialogue(), "simplified twin");
    assertTrue(hant.isDialogue(), "traditional report");
    DialogueEvent t = hant.dialogue();
    DialogueEvent s = hans.dialogue();
    assertEquals("cn-ch/human-rights-dialogue/2025-07", t.getEventId());
    assertEquals(s.getEventId(), t.getEventId());
    assertEquals(s.getStatus(), t.getStatus());
    assertEquals(19, t.getRound());
    assertEquals("2025-07-01", t.getStartDate());
    assertEquals("2025-07-02", t.getEndDate());
    assertEquals("Bern", t.getLocation().getCity());
    assertEquals(s.getTopics(), t.getTopics());
    assertEquals(s.getEvidence().size(), t.getEvidence().size());
    assertEquals(hans.confidence(), hant.confidence());
  }

  @Test
  void evidenceQuotesTheTextAsWrittenAtTheSameOffsets() {
    // When
    DialogueEvent t = classifier.classify(TRADITIONAL).dialogue();
    DialogueEvent s = classifier.classify(SIMPLIFIED).dialogue();

    // Then every quote is the original text at its offsets, and offsets match the simplified twin's
    String text = TRADITIONAL.text();
    for (int i = 0; i < t.getEvidence().size(); i++) {
      Evidence e = t.getEvidence().get(i);
      assertEquals(text.substring(e.getStart(), e.getEnd()), e.getQuote(), e.toString());
      assertEquals(s.getEvidence().get(i).getStart(), e.getStart(), e.toString());
      assertEquals(s.getEvidence().get(i).getEnd(), e.getEnd(), e.toString());
    }
    Evidence format = t.getEvidence().stream().filter(e -> e.getField().equals("format")).findFirst().orElseThrow();
    assertEquals("人權對話", format.getQuote());
    Evidence location = t.getEvidence().stream().filter(e -> e.getField().equals("location")).findFirst().orElseThrow();
    assertEquals("伯爾尼", location.getQuote());
  }

  @Test
  void coChairsKeepTheirNamesAsWritten() {
    // When
    List<CoChair> chairs = classifier.classify(TRADITIONAL).dialogue().getCoChairs();
    List<CoChair> twins = classifier.classify(SIMPLIFIED).dialogue().getCoChairs();

    // Then the names are those of the traditional text, sides as in the simplified reading
    assertEquals(twins.size(), chairs.size(), chairs.toString());
    assertTrue(chairs.stream().anyMatch(c -> c.getName().equals("馬庫斯·林德")), chairs.toString());
    assertEquals(twins.stream().map(CoChair::getSide).toList(), chairs.stream().map(CoChair::getSide).toList());
  }

  @Test
  void consultationsUnderTheirTraditionalNameAreConsultations() {
    // Given a report that calls the round 人權諮商
    ArticleInput a = article("zh-hant-2", "中荷人權諮商在海牙舉行", """
        中國與荷蘭7月2日在海牙舉行第九次人權諮商，雙方代表團進行了坦誠交流。""");

    // When
    Verdict v = classifier.classify(a);

    // Then
    assertTrue(v.isDialogue(), String.valueOf(v));
    assertEquals("consultation", v.dialogue().getFormat());
    assertEquals(List.of("NL"), v.dialogue().getCounterparts());
    assertEquals("The Hague", v.dialogue().getLocation().getCity());
    assertEquals(9, v.dialogue().getRound());
  }

  @Test
  void simplifiedAndEnglishCopyIsLeftAsItIs() {
    // Given a simplified report: nothing to convert
    Verdict v = classifier.classify(SIMPLIFIED);

    // Then its quotes are its own text
    for (Evidence e : v.dialogue().getEvidence()) {
      assertEquals(SIMPLIFIED.text().substring(e.getStart(), e.getEnd()), e.getQuote());
    }
    assertNotEquals(TRADITIONAL.text(), SIMPLIFIED.text());
  }
}
