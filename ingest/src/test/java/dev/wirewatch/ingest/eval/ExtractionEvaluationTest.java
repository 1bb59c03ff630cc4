package dev.wirewatch.ingest.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.ingest.eval.ExtractionEvaluation.Report;
import dev.wirewatch.ingest.eval.ExtractionEvaluation.Score;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the extraction evaluation over the fixture set and holds the extractor to its accuracy targets. */
class ExtractionEvaluationTest {

  private static Report report;
  private static List<ListEvaluation.CaseResult> sources;

  @BeforeAll
  static void evaluateOnce() throws URISyntaxException {
    Path dir = Path.of(ExtractionEvaluationTest.class.getResource("/extraction-eval/index.txt").toURI()).getParent();
    report = ExtractionEvaluation.evaluate(dir);
    sources = ListEvaluation.evaluate(dir);
  }

  @Test
  void everySourceCaseIsReadExactly() {
    // Given the list pages (with and without a data source), their JSON and the stale feed of the set
    // Then each yields exactly the expected data source and items
    assertEquals(6, sources.size());
    sources.forEach(c -> assertTrue(c.right(), c.name() + ": " + c.misses()));
    assertTrue(ListEvaluation.format(sources).contains("6 of 6 read exactly"), ListEvaluation.format(sources));
  }

  @Test
  void everyListedPageIsScored() {
    // Given the 37 pages of the set (12 + 7 Xinhua, 10 ECNS, 8 generic)
    // When the evaluation has run
    // Then each was scored under its profile
    assertEquals(37, report.overall().pages());
    assertEquals(19, report.profile("xinhua").pages());
    assertEquals(10, report.profile("ecns").pages());
    assertEquals(8, report.profile("generic").pages());
  }

  @Test
  void titleAndPublicationTimeAreAlwaysRight() {
    // Given the report over all pages
    Score all = report.overall();
    // Then title and publishedAt are right on every page
    assertEquals(1.0, all.accuracy("title"), report::format);
    assertEquals(1.0, all.accuracy("publishedAt"), report::format);
  }

  @Test
  void wireProfilesKeepTheBodyText() {
    // Given the Xinhua and ECNS pages
    for (String profile : List.of("xinhua", "ecns")) {
      // Then their body text reaches token F1 0.99
      double f1 = report.profile(profile).meanTextF1();
      assertTrue(f1 >= 0.99, () -> profile + " text F1 " + f1 + "\n" + report.format());
    }
  }

  @Test
  void genericFallbackKeepsMostOfTheBodyText() {
    // Given the generic pages
    double f1 = report.profile("generic").meanTextF1();
    // Then the text-density fallback reaches token F1 0.90
    assertTrue(f1 >= 0.90, () -> "generic text F1 " + f1 + "\n" + report.format());
  }

  @Test
  void tokenF1CountsCjkCharactersAsTokens() {
    // Given a Chinese text and one with a character missing
    // When scored
    double f1 = ExtractionEvaluation.tokenF1("新华社北京电", "新华社北京");
    // Then 5 of 6 tokens are found with full precision: F1 = 2 * 1 * 5/6 / (1 + 5/6)
    assertEquals(2 * (5 / 6.0) / (1 + 5 / 6.0), f1, 1e-9);
    assertEquals(List.of("beijing", "june", "18", "新", "华"), ExtractionEvaluation.tokens("BEIJING, June 18 -- 新华"));
  }
}
