package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Gate;
import dev.wirewatch.classify.internal.match.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The classifier's rules and word lists, read from the resource files next to {@code DialogueClassifier}
 * and compiled once. Immutable and thread-safe. The version is a hash of exactly these files plus
 * {@link #CODE_REVISION}, so any change to what the classifier knows gives a new version.
 */
public final class Lexicon {

  /**
   * Bump when the extraction code changes in a way that can change output for the same resources.
   * {@code ClassifierGoldenTest} fails when output on the corpus changes while the version does not.
   */
  public static final int CODE_REVISION = 13;

  /** The resource files that make up the classifier, in hashing order. */
  public static final List<String> RESOURCES = List.of("cues.tsv", "counterparts.tsv", "cities.tsv", "topics.tsv", "tone.tsv", "zones.tsv");

  private static final String RESOURCE_DIR = "/dev/wirewatch/classify/";
  // ASCII case folding only: Unicode folding costs a table lookup per character and branch, and Chinese has no case.
  private static final int FLAGS = Pattern.CASE_INSENSITIVE;

  /** A counterpart or city name found in text. */
  public record Named(String code, Pattern pattern) {
  }

  /** A topic or tone slug with its phrases; {@code lone} false means a tone word only counts inside a list. */
  public record Slug(String slug, Pattern pattern, boolean lone, Gate gate, Rule rule) {

    Slug(String slug, Pattern pattern, boolean lone) {
      this(slug, pattern, lone, Gate.of(pattern.pattern()), new Rule(pattern));
    }

    /** False when no match can start in {@code lower[from, to)}. */
    public boolean mayMatch(String lower, int from, int to) {
      return gate.mayMatch(lower, from, to);
    }
  }

  /** A city: English name, ISO country. */
  public record City(String name, String country) {
  }

  private final String version;
  private final Map<String, Pattern> cues;
  private final Map<String, Gate> cueGates;
  private final Map<String, Rule> cueRules;
  private final List<Slug> negatives;
  private final List<Integer> negativeWeights;
  private final NameFinder counterpartFinder;
  private final Map<String, String> counterpartByName;
  private final NameFinder cityFinder;
  private final Map<String, City> cityByName;
  private final Map<String, ZoneId> zoneByCity;
  private final List<Slug> topics;
  private final List<Slug> tones;

  private Lexicon(Map<String, String> files) {
    this.version = version(files);
    Map<String, List<String>> cueLines = new LinkedHashMap<>();
    List<Slug> negs = new ArrayList<>();
    List<Integer> negWeights = new ArrayList<>();
    for (String[] row : rows(files, "cues.tsv", 3)) {
      if (row[0].equals("negative")) {
        negs.add(new Slug(row[2], Pattern.compile(row[2], FLAGS), true));
        negWeights.add(Integer.parseInt(row[1]));
      } else {
        cueLines.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[2]);
      }
    }
    Map<String, Pattern> compiled = new LinkedHashMap<>();
    cueLines.forEach((kind, alternatives) -> {
      int flags = kind.equals("topicswitch") ? FLAGS | Pattern.MULTILINE : FLAGS;
      compiled.put(kind, Pattern.compile("(?:" + String.join(")|(?:", alternatives) + ")", flags));
    });
    this.cues = Map.copyOf(compiled);
    Map<String, Gate> gates = new LinkedHashMap<>();
    compiled.forEach((kind, pattern) -> gates.put(kind, Gate.of(pattern.pattern())));
    this.cueGates = Map.copyOf(gates);
    Map<String, Rule> rules = new LinkedHashMap<>();
    compiled.forEach((kind, pattern) -> rules.put(kind, new Rule(pattern)));
    this.cueRules = Map.copyOf(rules);
    this.negatives = List.copyOf(negs);
    this.negativeWeights = List.copyOf(negWeights);

    Map<String, String> counterparts = new TreeMap<>();
    for (String[] row : rows(files, "counterparts.tsv", 2)) {
      for (String name : row[1].split("\\|")) {
        counterparts.putIfAbsent(name, row[0]);
      }
    }
    this.counterpartByName = Map.copyOf(counterparts);
    this.counterpartFinder = new NameFinder(counterparts.keySet());

    Map<String, City> cities = new TreeMap<>();
    for (String[] row : rows(files, "cities.tsv", 2)) {
      City city = new City(row[0], row[1]);
      cities.putIfAbsent(row[0], city);
      if (row.length > 2) {
        for (String alias : row[2].split("\\|")) {
          cities.putIfAbsent(alias, city);
        }
      }
    }
    this.cityByName = Map.copyOf(cities);
    this.cityFinder = new NameFinder(cities.keySet());

    Map<String, ZoneId> zones = new TreeMap<>();
    for (String[] row : rows(files, "zones.tsv", 2)) {
      zones.put(row[0].toLowerCase(Locale.ROOT), ZoneId.of(row[1]));
    }
    this.zoneByCity = Map.copyOf(zones);

    List<Slug> topicList = new ArrayList<>();
    for (String[] row : rows(files, "topics.tsv", 2)) {
      topicList.add(new Slug(row[0], Pattern.compile(row[1], FLAGS), true));
    }
    this.topics = List.copyOf(topicList);
    List<Slug> toneList = new ArrayList<>();
    for (String[] row : rows(files, "tone.tsv", 3)) {
      toneList.add(new Slug(row[0], Pattern.compile("(?<![\\p{IsLatin}-])(?:" + row[2] + ")(?![\\p{IsLatin}-])", FLAGS), row[1].equals("lone")));
    }
    this.tones = List.copyOf(toneList);
    for (String kind : List.of("anchor", "prevround", "nextround", "POSTPONED", "CANCELLED", "SUSPENDED", "ANNOUNCED", "HELD",
        "resume", "modal", "reporting", "topicswitch", "anaphor", "here", "background")) {
      if (!cues.containsKey(kind)) {
        throw new IllegalArgumentException("cues.tsv: no rule of kind " + kind);
      }
    }
  }

  /** The lexicon of the resource files shipped with the classifier. */
  public static Lexicon standard() {
    return of(Map.of());
  }

  /** The shipped resource files with some replaced by the given contents (file name → text). */
  public static Lexicon of(Map<String, String> overrides) {
    Objects.requireNonNull(overrides, "overrides");
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : RESOURCES) {
      files.put(name, overrides.containsKey(name) ? overrides.get(name) : read(name));
    }
    for (String name : overrides.keySet()) {
      if (!RESOURCES.contains(name)) {
        throw new IllegalArgumentException("overrides: unknown classifier resource " + name + ", expected one of " + RESOURCES);
      }
    }
    return new Lexicon(files);
  }

  /** The shipped content of one resource file. */
  public static String read(String name) {
    try (InputStream in = Lexicon.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("classifier resource missing from the jar: " + RESOURCE_DIR + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classifier resource " + name, e);
    }
  }

  private static String version(Map<String, String> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("code-revision:" + CODE_REVISION + "\n").getBytes(StandardCharsets.UTF_8));
      for (String name : RESOURCES) {
        sha.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(files.get(name).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return "1." + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static List<String[]> rows(Map<String, String> files, String name, int minColumns) {
    List<String[]> rows = new ArrayList<>();
    String[] lines = files.get(name).split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      if (cols.length < minColumns) {
        throw new IllegalArgumentException(name + " line " + (i + 1) + ": expected " + minColumns + " tab-separated columns");
      }
      rows.add(cols);
    }
    return rows;
  }

  public String version() {
    return version;
  }

  public Pattern cue(String kind) {
    return cues.get(kind);
  }

  /** False when no match of cue {@code kind} can start in {@code lower[from, to)} (lower = text lower-cased char by char). */
  public boolean mayMatch(String kind, String lower, int from, int to) {
    return cueGates.get(kind).mayMatch(lower, from, to);
  }

  /** The rule of cue {@code kind}, matched only where its start words occur. */
  public Rule rule(String kind) {
    return cueRules.get(kind);
  }

  public List<Slug> negatives() {
    return negatives;
  }

  public int negativeWeight(int index) {
    return negativeWeights.get(index);
  }

  /** Counterpart names (any code) in {@code text[from, to)}, longest name at each place, in text order. */
  public List<NameFinder.Hit> counterparts(CharSequence text, int from, int to) {
    return counterpartFinder.find(text, from, to);
  }

  /** The first counterpart code named in {@code text}, or null. */
  public String firstCounterpart(CharSequence text) {
    List<NameFinder.Hit> hits = counterpartFinder.find(text, 0, text.length());
    return hits.isEmpty() ? null : counterpartCode(hits.get(0).name());
  }

  /** Code for a matched counterpart name, or null. */
  public String counterpartCode(String name) {
    return counterpartByName.get(name);
  }

  /** Known city names in {@code text[from, to)}, in text order. */
  public List<NameFinder.Hit> cities(CharSequence text, int from, int to) {
    return cityFinder.find(text, from, to);
  }

  /** The time zone of a dateline city (any case), or null when the table does not list it. */
  public ZoneId zone(String city) {
    return city == null ? null : zoneByCity.get(city.toLowerCase(Locale.ROOT));
  }

  public City city(String name) {
    return cityByName.get(name);
  }

  public List<Slug> topics() {
    return topics;
  }

  public List<Slug> tones() {
    return tones;
  }
}
