package dev.wirewatch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code classifierVersion} honest: the classifier's whole output over the labelled corpus is committed in
 * {@code src/test/resources/golden/corpus-verdicts.tsv} with the version it was produced under. A verdict or field
 * that changes while the version stays the same fails the build, because ops decide on a replay by that number.
 *
 * <p>Rewrite the golden file with {@value #UPDATE_COMMAND}. The rewrite refuses to record changed verdicts under an
 * unchanged version: bump {@code Lexicon.CODE_REVISION} (or change a rule file) first. New or removed corpus articles
 * need only the rewrite.
 */
class ClassifierGoldenTest {

  static final String UPDATE_PROPERTY = "wirewatch.golden.update";
  static final String UPDATE_COMMAND = "mvn -pl classify -am test -Dtest=ClassifierGoldenTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";
  private static final String RESOURCE = "golden/corpus-verdicts.tsv";
  private static final String SHOWN_PATH = "classify/src/test/resources/" + RESOURCE;
  private static final String VERSION_KEY = "classifierVersion";
  private static final int SHOWN = 3;

  /** The golden content: the version and one line per article, keyed by file and id. */
  record Golden(String version, Map<String, String> lines) {

    static Golden of(DialogueClassifier classifier, List<CorpusFiles.Entry> corpus) {
      Map<String, String> lines = new LinkedHashMap<>();
      for (CorpusFiles.Entry entry : corpus) {
        Verdict verdict = classifier.classify(entry.input());
        String json = OfflineClassify.toJson(verdict);
        // The version is recorded once in the header; hashed per line it would hide which articles really changed.
        String content = json.replace(classifier.version(), "");
        String summary = verdict.isDialogue() ? verdict.dialogue().getStatus() + " " + verdict.dialogue().getEventId() : "-";
        lines.put(entry.file() + "\t" + entry.id(), summary + "\t" + sha256(content));
      }
      return new Golden(classifier.version(), lines);
    }

    static Golden parse(String text) {
      String version = null;
      Map<String, String> lines = new LinkedHashMap<>();
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", 3);
        if (cols[0].equals(VERSION_KEY)) {
          version = cols[1];
        } else {
          String[] rest = cols[2].split("\t", 2);
          lines.put(cols[0] + "\t" + cols[1], rest[0] + "\t" + rest[1]);
        }
      }
      return new Golden(version, lines);
    }

    String format() {
      StringBuilder sb = new StringBuilder();
      sb.append("# The classifier's output over the labelled corpus (src/test/resources/corpus/*.jsonl): corpus file, article id,\n");
      sb.append("# status and eventId (or -), first 16 hex digits of SHA-256 over its verdict JSON without classifierVersion.\n");
      sb.append("# Checked by ClassifierGoldenTest. Rewrite: ").append(UPDATE_COMMAND).append('\n');
      sb.append(VERSION_KEY).append('\t').append(version).append('\n');
      lines.forEach((key, value) -> sb.append(key).append('\t').append(value).append('\n'));
      return sb.toString();
    }

    /** Articles present in both whose output differs, with old and new lines. */
    List<String> changedFrom(Golden before) {
      List<String> changed = new ArrayList<>();
      lines.forEach((key, now) -> {
        String then = before.lines.get(key);
        if (then != null && !then.equals(now)) {
          changed.add(key.replace('\t', ' ') + ": " + then.replace('\t', ' ') + " -> " + now.replace('\t', ' '));
        }
      });
      return changed;
    }
  }

  @Test
  void corpusOutputMatchesTheGoldenFileUnderItsClassifierVersion() throws IOException {
    // Given the committed golden file and the classifier's output over the corpus now
    Golden committed = Golden.parse(committedText());
    DialogueClassifier classifier = DialogueClassifier.standard();
    Golden actual = Golden.of(classifier, CorpusFiles.load());
    List<String> changed = actual.changedFrom(committed);
    boolean sameVersion = actual.version().equals(committed.version());

    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      // When asked to rewrite: never record a changed answer under the old number
      assertFalse(sameVersion && !changed.isEmpty(), "refusing to rewrite " + SHOWN_PATH + ": " + changed.size()
          + " articles changed under the unchanged classifierVersion " + actual.version()
          + "; bump Lexicon.CODE_REVISION first\n" + shown(changed));
      Path file = Path.of(System.getProperty("basedir", "."), "src/test/resources", RESOURCE);
      Files.writeString(file, actual.format(), StandardCharsets.UTF_8);
      assertEquals(actual.format(), Files.readString(file, StandardCharsets.UTF_8));
      return;
    }

    // Then a changed answer must come with a changed version, and the file must be current
    assertTrue(changed.isEmpty() || !sameVersion, "classifier output changed on " + changed.size()
        + " corpus articles but classifierVersion is still " + actual.version() + ". Bump Lexicon.CODE_REVISION, then rewrite "
        + SHOWN_PATH + " with: " + UPDATE_COMMAND + "\n" + shown(changed));
    assertEquals(committed.format(), actual.format(), SHOWN_PATH + " is stale (classifierVersion " + committed.version() + " -> "
        + actual.version() + ", " + changed.size() + " articles changed, corpus " + committed.lines().size() + " -> "
        + actual.lines().size() + " articles). Review the change, then rewrite it with: " + UPDATE_COMMAND);
  }

  @Test
  void aChangedVerdictUnderTheSameVersionIsCaught() {
    // Given the golden content of the corpus and a copy in which one article's output differs
    Golden golden = Golden.of(DialogueClassifier.standard(), CorpusFiles.load());
    Map<String, String> edited = new LinkedHashMap<>(golden.lines());
    String first = edited.keySet().iterator().next();
    edited.put(first, "HELD cn-eu/human-rights-dialogue/2024-06\t0000000000000000");

    // When compared
    List<String> changed = new Golden(golden.version(), edited).changedFrom(golden);

    // Then that article, and only it, is reported
    assertEquals(1, changed.size());
    assertTrue(changed.get(0).startsWith(first.replace('\t', ' ')), changed.get(0));
    assertEquals(golden, Golden.parse(golden.format()));
  }

  private static String shown(List<String> changed) {
    return String.join("\n", changed.subList(0, Math.min(SHOWN, changed.size())))
        + (changed.size() > SHOWN ? "\n... and " + (changed.size() - SHOWN) + " more" : "");
  }

  private static String committedText() throws IOException {
    try (InputStream in = ClassifierGoldenTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
