package dev.wirewatch.classify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LexiconTest {

  private final Lexicon lexicon = Lexicon.standard();

  private String code(String text) {
    return lexicon.firstCounterpart(text);
  }

  @Test
  void counterpartNamesNormaliseToCodes() {
    // Given / When / Then
    assertEquals("US", code("the U.S. side"));
    assertEquals("US", code("Sino-U.S. relations"));
    assertEquals("EU", code("the China-EU dialogue"));
    assertEquals("CH", code("Swiss diplomats"));
    assertEquals("NL", code("the Dutch ambassador"));
    assertEquals("EU", code("the European External Action Service"));
    assertEquals("AFRICAN_UNION", code("the African Union Commission"));
    assertEquals("GB", code("the United Kingdom"));
    assertEquals("EU", code("中国和欧盟"));
    assertEquals("DE", code("Federal Republic of Germany"));
  }

  @Test
  void chinaAndItsRegionsAreNeverCounterparts() {
    // Given / When / Then
    assertNull(code("China and Hong Kong and Macao and Taiwan"));
  }

  @Test
  void wordsInsideOtherWordsAreNotCounterparts() {
    // Given "EU" inside a word and "US" in lower case
    // When / Then
    assertNull(code("the EUROPA building"));
    assertNull(code("let us talk"));
  }

  @Test
  void changedRulesChangeTheVersion() {
    // Given
    Lexicon changed = Lexicon.of(Map.of("cities.tsv", Lexicon.read("cities.tsv") + "Turku\tFI\n"));

    // When / Then
    assertFalse(changed.version().equals(lexicon.version()));
    assertEquals(lexicon.version(), Lexicon.standard().version());
  }
}
