package dev.wirewatch.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wirewatch.schema.json.AvroJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores the classifier on the labelled corpus split the way the targets are stated: the wire corpus the rules were
 * first written on, the world corpus's tune half (rules may be tuned on it) and its held-out half (they may not), each
 * also by language and script ({@code en}, {@code zh-hans}, {@code zh-hant}). Per group: precision, recall and F1 of
 * detection, each labelled field's accuracy over the found positives, and the mean Jaccard of topics and tone.
 *
 * <p>{@code main} prints the table; {@code -v SPLIT} also lists that split's misses (never use it on held-out while
 * writing rules).
 */
public final class SplitEvaluation {

  /** Fields compared on a found positive; coChairs compares names and sides only. */
  public static final List<String> FIELDS = List.of("format", "counterparts", "status", "round", "startDate", "endDate",
      "location", "coChairs", "previousRound", "nextRound");
  /** Label sets compared by Jaccard (only where the line labels them). */
  public static final List<String> SETS = List.of("topics", "tone");

  public static final String WIRE = "wire";
  public static final String TUNE = "world-tune";
  public static final String HELDOUT = "world-heldout";

  /** Counts of one group of articles. */
  public static final class Score {
    int articles;
    int tp;
    int fp;
    int fn;
    final Map<String, int[]> fields = new TreeMap<>();
    final Map<String, double[]> sets = new TreeMap<>();
    final List<String> misses = new ArrayList<>();
    /** Per labelled group (articles on one round): the eventIds given to its found articles. */
    final Map<String, Set<String>> groupIds = new TreeMap<>();

    public double precision() {
      return SplitEvaluation.precision(tp, fp);
    }

    public double recall() {
      return SplitEvaluation.recall(tp, fn);
    }

    public double f1() {
      return SplitEvaluation.f1(tp, fp, fn);
    }

    /** Share of found positives whose {@code field} matches the label; 1 when none was scored. */
    public double field(String field) {
      int[] ct = fields.get(field);
      return ct == null || ct[1] == 0 ? 1 : (double) ct[0] / ct[1];
    }

    /** Mean Jaccard of {@code set} over found positives that label it; 1 when none was scored. */
    public double jaccard(String set) {
      double[] st = sets.get(set);
      return st == null || st[1] == 0 ? 1 : st[0] / st[1];
    }

    /** Share of labelled groups whose found articles all got one eventId; 1 when there is none. */
    public double groupConsistency() {
      return groupIds.isEmpty() ? 1 : (double) groupIds.values().stream().filter(ids -> ids.size() == 1).count() / groupIds.size();
    }

    /** The lowest field accuracy. */
    public double worstField() {
      return FIELDS.stream().mapToDouble(this::field).min().orElse(1);
    }

    public List<String> misses() {
      return misses;
    }

    String line(String name) {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-22s n=%3d tp=%3d fp=%2d fn=%2d P=%.3f R=%.3f F1=%.3f",
          name, articles, tp, fp, fn, precision(), recall(), f1()));
      for (String f : FIELDS) {
        sb.append(String.format(Locale.ROOT, " %s=%.2f", abbrev(f), field(f)));
      }
      for (String s : SETS) {
        double[] st = sets.get(s);
        sb.append(st == null ? String.format(Locale.ROOT, " %s=-", s) : String.format(Locale.ROOT, " %s=%.2f", s, jaccard(s)));
      }
      sb.append(String.format(Locale.ROOT, " groups=%.2f", groupConsistency()));
      return sb.toString();
    }
  }

  private final Map<String, Score> scores = new LinkedHashMap<>();

  /** Precision of detection; 1 when nothing was detected. */
  public static double precision(int tp, int fp) {
    return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
  }

  /** Recall of detection; 1 when nothing was to be found. */
  public static double recall(int tp, int fn) {
    return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
  }

  public static double f1(int tp, int fp, int fn) {
    double p = precision(tp, fp);
    double r = recall(tp, fn);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  private SplitEvaluation() {
  }

  /** Scores {@code classifier} over {@code corpus}. */
  public static SplitEvaluation of(DialogueClassifier classifier, List<CorpusFiles.Entry> corpus) {
    SplitEvaluation e = new SplitEvaluation();
    for (String split : List.of(WIRE, TUNE, HELDOUT)) {
      for (String lang : List.of("", "/en", "/zh-hans", "/zh-hant")) {
        e.scores.put(split + lang, new Score());
      }
    }
    for (CorpusFiles.Entry entry : corpus) {
      Verdict v = classifier.classify(entry.input());
      String split = splitOf(entry.file());
      e.add(e.scores.get(split), entry, v);
      e.add(e.scores.get(split + "/" + languageOf(entry.json())), entry, v);
    }
    return e;
  }

  /** The split a corpus file belongs to. */
  public static String splitOf(String file) {
    return file.endsWith(".heldout.jsonl") ? HELDOUT : file.endsWith(".tune.jsonl") ? TUNE : WIRE;
  }

  /** {@code en}, {@code zh-hans} or {@code zh-hant}; Chinese lines without {@code script} are simplified. */
  static String languageOf(JsonNode line) {
    String lang = line.path("language").asText("en");
    return lang.startsWith("zh") ? "zh-" + line.path("script").asText("hans") : "en";
  }

  /** The score of one group: a split ({@link #WIRE}, {@link #TUNE}, {@link #HELDOUT}), optionally + "/en" etc. */
  public Score score(String group) {
    return scores.get(group);
  }

  public String report() {
    StringBuilder sb = new StringBuilder();
    scores.forEach((name, s) -> {
      if (s.articles > 0) {
        sb.append(s.line(name)).append('\n');
      }
    });
    return sb.toString();
  }

  private void add(Score s, CorpusFiles.Entry entry, Verdict v) {
    JsonNode expected = entry.json().path("expected");
    boolean want = expected.path("isDialogue").asBoolean();
    s.articles++;
    if (want && v.isDialogue()) {
      s.tp++;
      if (!entry.json().path("group").asText("").isEmpty()) {
        s.groupIds.computeIfAbsent(entry.json().path("group").asText(), k -> new HashSet<>()).add(v.dialogue().getEventId());
      }
      JsonNode label = expected.path("dialogue");
      JsonNode got = AvroJson.toJson(v.dialogue());
      for (String f : FIELDS) {
        if (label.has(f)) {
          JsonNode a = normalise(f, label.get(f));
          JsonNode b = normalise(f, got.get(f));
          int[] ct = s.fields.computeIfAbsent(f, k -> new int[2]);
          ct[1]++;
          if (a.equals(b)) {
            ct[0]++;
          } else {
            s.misses.add("FIELD " + entry.id() + " " + f + " want=" + a + " got=" + b);
          }
        }
      }
      for (String f : SETS) {
        if (label.has(f)) {
          double j = jaccard(label.get(f), got.get(f));
          double[] st = s.sets.computeIfAbsent(f, k -> new double[2]);
          st[0] += j;
          st[1]++;
          if (j < 1) {
            s.misses.add("SET " + entry.id() + " " + f + " want=" + label.get(f) + " got=" + got.get(f));
          }
        }
      }
    } else if (want) {
      s.fn++;
      s.misses.add("FN " + entry.id() + " conf=" + v.confidence() + " " + entry.input().title());
    } else if (v.isDialogue()) {
      s.fp++;
      s.misses.add("FP " + entry.id() + " " + entry.json().path("category").asText() + " " + v.dialogue().getStatus() + " "
          + entry.input().title());
    }
  }

  static double jaccard(JsonNode want, JsonNode got) {
    Set<String> a = new HashSet<>();
    Set<String> b = new HashSet<>();
    if (want != null) {
      want.forEach(n -> a.add(n.asText()));
    }
    if (got != null) {
      got.forEach(n -> b.add(n.asText()));
    }
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    a.retainAll(b);
    return (double) a.size() / union.size();
  }

  /** A labelled or produced field in the form compared: co-chairs as a set of name and side, rounds as date and city. */
  public static JsonNode normalise(String field, JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return AvroJson.MAPPER.nullNode();
    }
    if (field.equals("coChairs") && v.isArray()) {
      // A set of people: the corpus files list them in different orders (Chinese side first, or as written).
      List<JsonNode> people = new ArrayList<>();
      v.forEach(c -> people.add(AvroJson.MAPPER.createObjectNode().put("name", c.path("name").asText())
          .put("side", c.path("side").asText(null))));
      people.sort(java.util.Comparator.comparing(JsonNode::toString));
      var arr = AvroJson.MAPPER.createArrayNode();
      people.forEach(arr::add);
      return arr;
    }
    if ((field.equals("previousRound") || field.equals("nextRound")) && v.isObject()) {
      var obj = AvroJson.MAPPER.createObjectNode();
      obj.set("date", v.path("date").isMissingNode() ? AvroJson.MAPPER.nullNode() : v.get("date"));
      obj.set("city", v.path("city").isMissingNode() ? AvroJson.MAPPER.nullNode() : v.get("city"));
      return obj;
    }
    return v;
  }

  private static String abbrev(String field) {
    return switch (field) {
      case "counterparts" -> "cp";
      case "startDate" -> "start";
      case "endDate" -> "end";
      case "location" -> "loc";
      case "previousRound" -> "prev";
      case "nextRound" -> "next";
      default -> field;
    };
  }

  public static void main(String[] args) {
    SplitEvaluation e = of(DialogueClassifier.standard(), CorpusFiles.load());
    StringBuilder out = new StringBuilder(e.report());
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("-v")) {
        e.score(args[i + 1]).misses().forEach(m -> out.append(m).append('\n'));
      }
    }
    // A developer tool: its output is the point.
    System.out.print(out);
  }
}
