package dev.wirewatch.ingest.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.ingest.ArticleExtractor;
import dev.wirewatch.ingest.ExtractedArticle;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Measures the real {@link ArticleExtractor} against a directory of pages with hand-checked expected results
 * (the layout of {@code ingest/src/test/resources/extraction-eval}: {@code index.txt} naming the pages,
 * {@code pages/<name>.html} the bytes and {@code pages/<name>.json} the request and the expected article).
 *
 * <p>Scores, per profile (the expected {@code source}) and overall: the accuracy of {@code title},
 * {@code publishedAt} (compared as local date-time plus offset), {@code dateline}, {@code language} and
 * {@code source}; the body text's token F1 (bag of tokens: lower-cased, split on anything that is not a letter
 * or digit, each CJK character a token of its own), averaged over pages; and how many texts match exactly.
 * Every page/field that misses is listed.
 *
 * <p>The sources under {@code <dir>/lists} (list pages, their JSON data sources, feeds) are scored too, by
 * {@link ListEvaluation}.
 *
 * <p>Run: {@code java ... dev.wirewatch.ingest.eval.ExtractionEvaluation [dir]}.
 */
public final class ExtractionEvaluation {

  /** The single-valued fields scored by exact match. */
  public static final List<String> FIELDS = List.of("title", "publishedAt", "dateline", "language", "source");
  /** The profiles the report breaks the scores down by, in print order. */
  public static final List<String> PROFILES = List.of("xinhua", "ecns", "generic");

  private static final String DEFAULT_DIR = "ingest/src/test/resources/extraction-eval";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExtractionEvaluation() {
  }

  /**
   * The result on one page.
   *
   * @param name page name from index.txt
   * @param profile the expected source (xinhua, ecns, generic)
   * @param failedFields the fields of {@link #FIELDS} that missed, each with expected and actual value
   * @param textF1 token F1 of the body text
   * @param textExact the body text matched exactly
   * @param missingParagraphs expected paragraphs the extractor did not produce
   * @param extraParagraphs paragraphs the extractor produced that were not expected
   * @param error the extractor's exception message, or null when it returned an article
   */
  public record PageResult(String name, String profile, Map<String, String> failedFields, double textF1,
      boolean textExact, List<String> missingParagraphs, List<String> extraParagraphs, String error) {

    public PageResult {
      failedFields = Map.copyOf(failedFields);
      missingParagraphs = List.copyOf(missingParagraphs);
      extraParagraphs = List.copyOf(extraParagraphs);
    }

    /** Every field right and the text exact. */
    public boolean fullyRight() {
      return failedFields.isEmpty() && textExact && error == null;
    }
  }

  /**
   * Scores of a group of pages.
   *
   * @param pages pages in the group
   * @param correct per field of {@link #FIELDS}, pages where it was right
   * @param meanTextF1 mean token F1 of the body text (1.0 for an empty group)
   * @param textExact pages whose text matched exactly
   * @param fullyRight pages with every field right and the text exact
   */
  public record Score(int pages, Map<String, Integer> correct, double meanTextF1, int textExact, int fullyRight) {

    public Score {
      correct = Map.copyOf(correct);
    }

    /** Share of pages where {@code field} was right (1.0 for an empty group). */
    public double accuracy(String field) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException("field must be one of " + FIELDS + ": " + field);
      }
      return pages == 0 ? 1.0 : correct.getOrDefault(field, 0) / (double) pages;
    }
  }

  /** All page results, with scores by profile and overall. */
  public record Report(List<PageResult> pages) {

    public Report {
      pages = List.copyOf(pages);
    }

    /** Scores over every page. */
    public Score overall() {
      return score(pages);
    }

    /** Scores over the pages whose expected source is {@code profile}. */
    public Score profile(String profile) {
      return score(pages.stream().filter(p -> p.profile().equals(profile)).toList());
    }

    /** The report as printed by {@link #main(String[])}. */
    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-8s %5s %6s %11s %8s %8s %6s %7s %9s %7s%n", "profile", "pages",
          "title", "publishedAt", "dateline", "language", "source", "textF1", "textExact", "allOk"));
      List<String> groups = new ArrayList<>(PROFILES);
      pages.stream().map(PageResult::profile).filter(p -> !groups.contains(p)).distinct().forEach(groups::add);
      for (String g : groups) {
        row(sb, g, profile(g));
      }
      row(sb, "overall", overall());
      List<PageResult> misses = pages.stream().filter(p -> !p.fullyRight()).toList();
      sb.append(String.format(Locale.ROOT, "%nMisses (%d of %d pages):%n", misses.size(), pages.size()));
      for (PageResult p : misses) {
        sb.append("  ").append(p.name()).append('\n');
        if (p.error() != null) {
          sb.append("    error: ").append(p.error()).append('\n');
        }
        p.failedFields().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> sb.append("    ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        if (!p.textExact()) {
          sb.append(String.format(Locale.ROOT, "    text: token F1 %.4f%n", p.textF1()));
          p.missingParagraphs().forEach(m -> sb.append("      missing: ").append(quote(m)).append('\n'));
          p.extraParagraphs().forEach(m -> sb.append("      extra:   ").append(quote(m)).append('\n'));
        }
      }
      return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Score s) {
      sb.append(String.format(Locale.ROOT, "%-8s %5d %6s %11s %8s %8s %6s %7.4f %9s %7s%n", name, s.pages(),
          pct(s, "title"), pct(s, "publishedAt"), pct(s, "dateline"), pct(s, "language"), pct(s, "source"),
          s.meanTextF1(), s.textExact() + "/" + s.pages(), s.fullyRight() + "/" + s.pages()));
    }

    private static String pct(Score s, String field) {
      return String.format(Locale.ROOT, "%.0f%%", 100 * s.accuracy(field));
    }

    private static Score score(List<PageResult> group) {
      Map<String, Integer> correct = new HashMap<>();
      for (String f : FIELDS) {
        correct.put(f, (int) group.stream().filter(p -> p.error() == null && !p.failedFields().containsKey(f))
            .count());
      }
      double f1 = group.isEmpty() ? 1.0 : group.stream().mapToDouble(PageResult::textF1).average().orElse(1.0);
      int exact = (int) group.stream().filter(PageResult::textExact).count();
      int all = (int) group.stream().filter(PageResult::fullyRight).count();
      return new Score(group.size(), correct, f1, exact, all);
    }
  }

  /**
   * Runs the extractor over every page listed in {@code dir/index.txt}.
   *
   * @throws UncheckedIOException when a listed file cannot be read
   * @throws IllegalArgumentException when an expected JSON file lacks {@code url}
   */
  public static Report evaluate(Path dir) {
    Objects.requireNonNull(dir, "dir");
    ArticleExtractor extractor = new ArticleExtractor();
    List<PageResult> results = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(dir.resolve("index.txt"), StandardCharsets.UTF_8)) {
        String name = line.strip();
        if (name.isEmpty() || name.startsWith("#")) {
          continue;
        }
        byte[] html = Files.readAllBytes(dir.resolve("pages").resolve(name + ".html"));
        JsonNode expected = JSON.readTree(dir.resolve("pages").resolve(name + ".json").toFile());
        results.add(evaluatePage(extractor, name, html, expected));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the evaluation set in " + dir, e);
    }
    return new Report(results);
  }

  private static PageResult evaluatePage(ArticleExtractor extractor, String name, byte[] html, JsonNode expected) {
    String url = text(expected, "url");
    if (url == null) {
      throw new IllegalArgumentException("expected JSON of page " + name + " has no url");
    }
    String profile = Objects.requireNonNullElse(text(expected, "source"), "generic");
    String expectedText = Objects.requireNonNullElse(text(expected, "text"), "");
    ExtractedArticle actual;
    try {
      actual = extractor.extract(URI.create(url), html, text(expected, "contentType"), null);
    } catch (RuntimeException e) {
      Map<String, String> all = new LinkedHashMap<>();
      for (String f : FIELDS) {
        all.put(f, "expected " + quote(text(expected, f)) + ", extraction failed");
      }
      return new PageResult(name, profile, all, 0.0, false, paragraphs(expectedText), List.of(),
          String.valueOf(e.getMessage()));
    }
    Map<String, String> failed = new LinkedHashMap<>();
    compare(failed, "title", text(expected, "title"), actual.title());
    comparePublished(failed, text(expected, "publishedAt"), actual.publishedAt());
    compare(failed, "dateline", text(expected, "dateline"), actual.dateline());
    compare(failed, "language", text(expected, "language"), actual.language());
    compare(failed, "source", text(expected, "source"), actual.source());
    String actualText = Objects.requireNonNullElse(actual.text(), "");
    List<String> want = paragraphs(expectedText);
    List<String> got = paragraphs(actualText);
    return new PageResult(name, profile, failed, tokenF1(expectedText, actualText), want.equals(got),
        want.stream().filter(w -> !got.contains(w)).toList(), got.stream().filter(g -> !want.contains(g)).toList(),
        null);
  }

  private static void compare(Map<String, String> failed, String field, String expected, String actual) {
    if (!Objects.equals(expected, actual)) {
      failed.put(field, "expected " + quote(expected) + ", got " + quote(actual));
    }
  }

  /** Same local date-time and same offset, as the fixture README asks; unparseable values must match exactly. */
  private static void comparePublished(Map<String, String> failed, String expected, String actual) {
    boolean same;
    if (expected == null || actual == null) {
      same = expected == null && actual == null;
    } else {
      try {
        same = OffsetDateTime.parse(expected).equals(OffsetDateTime.parse(actual));
      } catch (DateTimeParseException e) {
        same = expected.equals(actual);
      }
    }
    if (!same) {
      failed.put("publishedAt", "expected " + quote(expected) + ", got " + quote(actual));
    }
  }

  /** Paragraphs as the fixture README compares them: split on blank lines, trimmed, empty ones left out. */
  static List<String> paragraphs(String text) {
    List<String> out = new ArrayList<>();
    for (String p : text.split("\n\n")) {
      String s = p.strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** F1 of the two texts' token multisets; 1.0 when both are empty. */
  public static double tokenF1(String expected, String actual) {
    Map<String, Integer> want = counts(tokens(expected));
    Map<String, Integer> got = counts(tokens(actual));
    int wantTotal = want.values().stream().mapToInt(Integer::intValue).sum();
    int gotTotal = got.values().stream().mapToInt(Integer::intValue).sum();
    if (wantTotal == 0 && gotTotal == 0) {
      return 1.0;
    }
    int overlap = 0;
    for (Map.Entry<String, Integer> e : want.entrySet()) {
      overlap += Math.min(e.getValue(), got.getOrDefault(e.getKey(), 0));
    }
    if (overlap == 0) {
      return 0.0;
    }
    double precision = overlap / (double) gotTotal;
    double recall = overlap / (double) wantTotal;
    return 2 * precision * recall / (precision + recall);
  }

  /** Lower-cased runs of letters and digits; each CJK (Han, kana, Hangul) character is a token of its own. */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String s = text == null ? "" : text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isCjk(cp)) {
        flush(current, out);
        out.add(new String(Character.toChars(cp)));
      } else if (Character.isLetterOrDigit(cp)) {
        current.appendCodePoint(cp);
      } else {
        flush(current, out);
      }
    }
    flush(current, out);
    return out;
  }

  private static boolean isCjk(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
  }

  private static void flush(StringBuilder current, List<String> out) {
    if (current.length() > 0) {
      out.add(current.toString());
      current.setLength(0);
    }
  }

  private static Map<String, Integer> counts(List<String> tokens) {
    Map<String, Integer> m = new HashMap<>();
    for (String t : tokens) {
      m.merge(t, 1, Integer::sum);
    }
    return m;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    String one = s.replace("\n", "\\n");
    return "\"" + (one.length() > 120 ? one.substring(0, 117) + "..." : one) + "\"";
  }

  /**
   * Prints the report for the directory given as the only argument (default
   * {@value #DEFAULT_DIR}); exits 2 when the directory has no index.txt.
   */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : DEFAULT_DIR);
    PrintStream out = System.out;
    if (!Files.isRegularFile(dir.resolve("index.txt"))) {
      System.err.println("no index.txt in " + dir.toAbsolutePath());
      System.exit(2);
    }
    out.print(evaluate(dir).format());
    out.print(ListEvaluation.format(ListEvaluation.evaluate(dir)));
    out.flush();
  }
}
