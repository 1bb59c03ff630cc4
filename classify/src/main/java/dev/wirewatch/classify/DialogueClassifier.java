package dev.wirewatch.classify;

import dev.wirewatch.classify.internal.Extractor;
import dev.wirewatch.classify.internal.Lexicon;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether an article reports a government-to-government human-rights dialogue or consultation round
 * between China and a state or regional organisation (held, announced, postponed, cancelled or suspended), and
 * reads the round's fields with evidence. Plain Java: the Streams application and {@code wirewatch classify}
 * run this same class. Immutable and thread-safe.
 *
 * <p>The rules and word lists live in resource files next to this class ({@code cues.tsv},
 * {@code counterparts.tsv}, {@code cities.tsv}, {@code topics.tsv} — the documented topic slugs —,
 * {@code tone.tsv}, {@code zones.tsv} — dateline cities' time zones). {@link #version()} is {@code "1." + } the first 12 hex digits of SHA-256 over those files
 * and a code revision, so a changed rule always gives a changed version.
 *
 * <p><b>eventId</b>: {@code cn-<counterpart codes, lower-case, sorted, joined by '-'>/human-rights-<dialogue|consultation>/<YYYY-MM>},
 * e.g. {@code cn-eu/human-rights-dialogue/2024-06}. The key is the month in which the round starts: from its stated
 * dates (day or month), else from a relative week ("last week": the month of that week's Wednesday), else the month
 * of the story's dateline (or publication day in Beijing time). A month, not a day, because reports of one round
 * often disagree by a day (local datelines against Beijing time, "opened on Tuesday" against "concluded on
 * Wednesday", planned against actual dates, "last week") while one counterpart meets at most a few times a year;
 * so an announcement and the report of the held round share the id. See {@code EventIds} for the full rule.
 */
public final class DialogueClassifier {

  private final Lexicon lexicon;
  private final Extractor extractor;

  private DialogueClassifier(Lexicon lexicon) {
    this.lexicon = lexicon;
    this.extractor = new Extractor(lexicon);
  }

  /** The classifier with the shipped rules. */
  public static DialogueClassifier standard() {
    return new DialogueClassifier(Lexicon.standard());
  }

  /**
   * A variant whose named rule files are replaced by the given contents (file name, e.g. {@code "tone.tsv"}
   * → full text); other files stay as shipped. Used to replay with changed rules; its version differs.
   */
  public static DialogueClassifier withResources(Map<String, String> replacedFiles) {
    Objects.requireNonNull(replacedFiles, "replacedFiles");
    return new DialogueClassifier(Lexicon.of(replacedFiles));
  }

  /** The shipped text of one rule file, e.g. to build a variant from it. */
  public static String shippedResource(String fileName) {
    Objects.requireNonNull(fileName, "fileName");
    if (!Lexicon.RESOURCES.contains(fileName)) {
      throw new IllegalArgumentException("fileName: unknown classifier resource " + fileName + ", expected one of " + Lexicon.RESOURCES);
    }
    return Lexicon.read(fileName);
  }

  /** Classifies one article; never returns null. */
  public Verdict classify(ArticleInput article) {
    Objects.requireNonNull(article, "article");
    return extractor.classify(article, lexicon.version());
  }

  /** Content-derived version of this classifier, e.g. {@code 1.3f9a0c2b7d11}. */
  public String version() {
    return lexicon.version();
  }
}
