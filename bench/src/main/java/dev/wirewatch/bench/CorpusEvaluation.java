package dev.wirewatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wirewatch.classify.ArticleInput;
import dev.wirewatch.classify.CorpusFiles;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.classify.SplitEvaluation;
import dev.wirewatch.classify.Verdict;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.json.AvroJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores the classifier on the labelled corpus ({@code corpus/*.jsonl} on the class path, from the classify module's
 * test jar; one article per line with an {@code expected} verdict): precision, recall, F1 of detection and, over the
 * true positives, the accuracy of each labelled field. {@code main} prints the numbers; pass {@code -v} to list misses.
 *
 * <p>Run from the repository root: {@code bench/run eval-classifier [-v]}. It also prints {@link SplitEvaluation}'s table:
 * the wire corpus, the world corpus's tune and held-out halves, each by language and script, with topics and tone.
 */
public final class CorpusEvaluation {

  /** Fields compared; coChairs compares names and sides only. */
  public static final List<String> FIELDS = List.of("format", "counterparts", "status", "round", "startDate", "endDate", "location",
      "coChairs", "previousRound", "nextRound");

  /** Correct answers out of those labelled, for one field. */
  public record Tally(int correct, int total) {

    static final Tally NONE = new Tally(0, 0);

    Tally add(boolean right) {
      return new Tally(correct + (right ? 1 : 0), total + 1);
    }

    public double accuracy() {
      return total == 0 ? 1 : (double) correct / total;
    }
  }

  /** Detection and field scores. */
  public record Metrics(int articles, int tp, int fp, int fn, int tn, Map<String, Tally> fields, List<String> misses,
                        int groups, int consistentGroups) {

    /** Share of labelled groups (articles reporting one round) whose detected articles all got one eventId. */
    public double groupConsistency() {
      return groups == 0 ? 1 : (double) consistentGroups / groups;
    }

    public double precision() {
      return SplitEvaluation.precision(tp, fp);
    }

    public double recall() {
      return SplitEvaluation.recall(tp, fn);
    }

    public double f1() {
      return SplitEvaluation.f1(tp, fp, fn);
    }

    public double fieldAccuracy(String field) {
      return fields.getOrDefault(field, Tally.NONE).accuracy();
    }

    public String report() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "articles=%d tp=%d fp=%d fn=%d tn=%d precision=%.3f recall=%.3f f1=%.3f%n",
          articles, tp, fp, fn, tn, precision(), recall(), f1()));
      sb.append(String.format(Locale.ROOT, "  %-14s %.3f (%d/%d)%n", "eventIdGroups", groupConsistency(), consistentGroups, groups));
      for (String f : FIELDS) {
        Tally t = fields.getOrDefault(f, Tally.NONE);
        sb.append(String.format(Locale.ROOT, "  %-14s %.3f (%d/%d)%n", f, t.accuracy(), t.correct(), t.total()));
      }
      return sb.toString();
    }
  }

  private CorpusEvaluation() {
  }

  public static void main(String[] args) {
    for (String arg : args) {
      if (!arg.equals("-v")) {
        System.err.println("eval-classifier: unknown argument '" + arg + "' (only -v, to list misses)");
        System.exit(2);
      }
    }
    List<CorpusFiles.Entry> corpus = CorpusFiles.load();
    Metrics m = evaluate(DialogueClassifier.standard(), corpus);
    StringBuilder out = new StringBuilder(m.report());
    // The targets are stated per split (wire corpus, world tune, world held-out) and per language and script.
    out.append("by split and language:\n").append(SplitEvaluation.of(DialogueClassifier.standard(), corpus).report());
    if (List.of(args).contains("-v")) {
      m.misses().forEach(miss -> out.append(miss).append('\n'));
    }
    // A developer tool: its output is the point, like the CLI's.
    System.out.print(out);
  }

  /** Scores {@code classifier} on the given labelled articles. */
  public static Metrics evaluate(DialogueClassifier classifier, List<CorpusFiles.Entry> corpus) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    Map<String, Tally> fields = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    Map<String, Map<String, String>> groupIds = new TreeMap<>();
    for (CorpusFiles.Entry entry : corpus) {
      JsonNode o = entry.json();
      ArticleInput in = entry.input();
      Verdict v = classifier.classify(in);
      JsonNode expected = o.path("expected");
      boolean want = expected.path("isDialogue").asBoolean();
      if (want && v.isDialogue()) {
        tp++;
        if (!o.path("group").asText("").isEmpty()) {
          groupIds.computeIfAbsent(o.path("group").asText(), k -> new TreeMap<>()).put(in.id(), v.dialogue().getEventId());
        }
        compare(in.id(), expected.path("dialogue"), v.dialogue(), fields, misses);
      } else if (want) {
        fn++;
        misses.add("FN " + in.id() + " conf=" + v.confidence() + " " + in.title());
      } else if (v.isDialogue()) {
        fp++;
        misses.add("FP " + in.id() + " " + o.path("category").asText() + " conf=" + v.confidence() + " " + in.title());
      } else {
        tn++;
      }
    }
    int consistent = 0;
    for (Map.Entry<String, Map<String, String>> g : groupIds.entrySet()) {
      if (g.getValue().values().stream().distinct().count() == 1) {
        consistent++;
      } else {
        misses.add("GROUP " + g.getKey() + " eventIds differ: " + g.getValue());
      }
    }
    return new Metrics(corpus.size(), tp, fp, fn, tn, fields, misses, groupIds.size(), consistent);
  }

  private static void compare(String id, JsonNode expected, DialogueEvent actual, Map<String, Tally> fields, List<String> misses) {
    JsonNode got = AvroJson.toJson(actual);
    for (String f : FIELDS) {
      if (!expected.has(f)) {
        continue;
      }
      JsonNode want = normalise(f, expected.get(f));
      JsonNode have = normalise(f, got.get(f));
      boolean right = want.equals(have);
      fields.merge(f, Tally.NONE.add(right), (a, b) -> a.add(right));
      if (!right) {
        misses.add("FIELD " + id + " " + f + " want=" + want + " got=" + have);
      }
    }
  }

  private static JsonNode normalise(String field, JsonNode v) {
    return SplitEvaluation.normalise(field, v);
  }

}
