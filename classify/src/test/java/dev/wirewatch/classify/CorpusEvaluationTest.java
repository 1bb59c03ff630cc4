package dev.wirewatch.classify;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Guards against regressions on the labelled corpus; the floors sit below the measured numbers. */
class CorpusEvaluationTest {

  @Test
  void detectionOnTheLabelledCorpusStaysAboveTheFloor() throws Exception {
    // Given the corpus, when present
    Path dir = Path.of("src/test/resources/corpus");
    assumeTrue(Files.isDirectory(dir), "no corpus");

    // When
    CorpusEvaluation.Metrics m = CorpusEvaluation.evaluate(DialogueClassifier.standard(), dir);

    // Then
    assertTrue(m.f1() >= 0.95, m.report());
    assertTrue(m.fieldAccuracy("counterparts") >= 0.95, m.report());
    assertTrue(m.fieldAccuracy("status") >= 0.95, m.report());
  }
}
