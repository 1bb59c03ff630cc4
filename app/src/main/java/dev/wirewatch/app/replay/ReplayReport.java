package dev.wirewatch.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.json.AvroJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a replay changes in {@code dialogue-events}: events added, retracted and changed (with the fields that
 * change), counted by counterpart, and the classifier versions involved. The same report serves the dry
 * run (before vs. the new classifier's offline answer) and the real run (before vs. after).
 *
 * <p>{@code classifierVersion} is not a change by itself: an event whose content the new classifier leaves
 * as it was keeps its record (and its database row) untouched.
 */
public final class ReplayReport {

  /** One changed event and the names of the fields whose values differ. */
  public record Change(String eventId, List<String> fields) {
  }

  private final SortedSet<String> added = new TreeSet<>();
  private final SortedSet<String> retracted = new TreeSet<>();
  private final List<Change> changed = new ArrayList<>();
  private final SortedMap<String, int[]> byCounterpart = new TreeMap<>();
  private final SortedSet<String> versionsBefore = new TreeSet<>();
  private final String newVersion;
  private final int unchanged;
  private final long articles;
  private final int reextracted;

  private ReplayReport(Map<String, DialogueEvent> before, Map<String, DialogueEvent> after, String newVersion,
      Set<String> mentionVersionsBefore, long articles, int reextracted) {
    this.newVersion = newVersion;
    this.articles = articles;
    this.reextracted = reextracted;
    versionsBefore.addAll(mentionVersionsBefore);
    before.values().forEach(e -> versionsBefore.add(e.getClassifierVersion()));
    int same = 0;
    for (Map.Entry<String, DialogueEvent> e : new TreeMap<>(after).entrySet()) {
      DialogueEvent old = before.get(e.getKey());
      if (old == null) {
        added.add(e.getKey());
        count(e.getValue(), 0);
        continue;
      }
      List<String> fields = differingFields(old, e.getValue());
      if (fields.isEmpty()) {
        same++;
      } else {
        changed.add(new Change(e.getKey(), fields));
        count(e.getValue(), 2);
      }
    }
    for (Map.Entry<String, DialogueEvent> e : new TreeMap<>(before).entrySet()) {
      if (!after.containsKey(e.getKey())) {
        retracted.add(e.getKey());
        count(e.getValue(), 1);
      }
    }
    this.unchanged = same;
  }

  /**
   * Compares two views of {@code dialogue-events} (eventId → latest event).
   *
   * @param mentionVersionsBefore classifier versions found on the mentions before the replay
   * @param articles archived articles the replay classified (records read; an article updated twice counts twice)
   * @param reextracted articles whose text was extracted again from the archived page
   */
  public static ReplayReport compare(Map<String, DialogueEvent> before, Map<String, DialogueEvent> after, String newVersion,
      Set<String> mentionVersionsBefore, long articles, int reextracted) {
    return new ReplayReport(before, after, newVersion, mentionVersionsBefore, articles, reextracted);
  }

  /** The fields whose values differ, classifierVersion aside. */
  public static List<String> differingFields(DialogueEvent a, DialogueEvent b) {
    ObjectNode left = AvroJson.toJson(a);
    ObjectNode right = AvroJson.toJson(b);
    List<String> fields = new ArrayList<>();
    for (Iterator<String> it = left.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (field.equals("classifierVersion")) {
        continue;
      }
      JsonNode l = left.get(field);
      JsonNode r = right.get(field);
      if (!l.equals(r)) {
        fields.add(field);
      }
    }
    return fields;
  }

  /** True when the new answer leaves every event as it was. */
  public boolean isEmpty() {
    return added.isEmpty() && retracted.isEmpty() && changed.isEmpty();
  }

  public Set<String> added() {
    return added;
  }

  public Set<String> retracted() {
    return retracted;
  }

  public List<Change> changed() {
    return changed;
  }

  /** One line, for the log. */
  public String summaryLine() {
    return String.format("replay with classifier %s over %d articles (%d re-extracted): %d events added, "
            + "%d retracted, %d changed, %d unchanged; versions before: %s",
        newVersion, articles, reextracted, added.size(), retracted.size(), changed.size(), unchanged,
        versionsBefore.isEmpty() ? "none" : String.join(", ", versionsBefore));
  }

  public void print(PrintWriter out, boolean dryRun) {
    out.println((dryRun ? "Dry run: nothing written. " : "") + "Classifier " + newVersion
        + (versionsBefore.isEmpty() ? "" : " replacing " + String.join(", ", versionsBefore)));
    out.printf("Articles classified: %d (%d extracted again from the archived page with the current site profiles)%n",
        articles, reextracted);
    out.printf("Events: %d added, %d retracted, %d changed, %d unchanged%n", added.size(), retracted.size(), changed.size(), unchanged);
    if (!byCounterpart.isEmpty()) {
      out.println("By counterpart (added / retracted / changed):");
      byCounterpart.forEach((c, n) -> out.printf("  %-14s %d / %d / %d%n", c, n[0], n[1], n[2]));
    }
    added.forEach(id -> out.println("  + " + id));
    retracted.forEach(id -> out.println("  - " + id));
    changed.forEach(c -> out.println("  ~ " + c.eventId() + "  (" + String.join(", ", c.fields()) + ")"));
    out.flush();
  }

  private void count(DialogueEvent event, int column) {
    for (String counterpart : event.getCounterparts()) {
      byCounterpart.computeIfAbsent(counterpart, k -> new int[3])[column]++;
    }
  }
}
