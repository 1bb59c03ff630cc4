package dev.wirewatch.classify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimplifiedTest {

  private final TraditionalChinese converter = new TraditionalChinese();

  @Test
  void traditionalCharactersAreReplacedOneForOneAndOffsetsStay() {
    // Given
    String written = "Talks: 舉行人權對話 (Bern)";

    // When
    Simplified s = converter.simplify(written);

    // Then
    assertTrue(s.changed());
    assertEquals("Talks: 举行人权对话 (Bern)", s.text());
    assertEquals(written.length(), s.text().length());
    assertEquals(9, s.originalStart(9));
    assertEquals("人權對話", s.originalText(9, 13));
  }

  @Test
  void textWithoutTraditionalCharactersIsUnchanged() {
    // Given English and simplified Chinese
    String written = "China and Norway held 人权对话 in Oslo.";

    // When
    Simplified s = converter.simplify(written);

    // Then
    assertFalse(s.changed());
    assertSame(written, s.text());
    assertEquals("人权对话", s.originalText(22, 26));
  }

  @Test
  void aReplacementOfAnotherLengthMapsBackToTheCharacterItCameFrom() {
    // Given a form that turns one character into two (ICU does not today; the map must still hold)
    String written = "ab權c";

    // When
    Simplified s = Simplified.remapped(written, ch -> ch == '權' ? "XY" : String.valueOf((char) ch));

    // Then
    assertEquals("abXYc", s.text());
    assertEquals("權", s.originalText(2, 4));
    assertEquals("權", s.originalText(3, 4));
    assertEquals("c", s.originalText(4, 5));
    assertEquals("ab", s.originalText(0, 2));
    assertEquals(written.length(), s.originalStart(5));
  }
}
