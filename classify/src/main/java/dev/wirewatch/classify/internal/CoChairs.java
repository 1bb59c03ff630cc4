package dev.wirewatch.classify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the people who co-chaired (or will co-chair) a round from the structure of the sentence, not from a
 * list of names: "co-chaired by A, title, and B, title", "A, title, and B, title, co-chaired", "title A and
 * B co-chaired", "A of org and B co-chaired", Chinese "A和B共同主持". A name is a run of two to four
 * capitalised words that are not office words ("Director", "Ministry") and not country names.
 */
public final class CoChairs {

  /** One co-chair with the span of the text it was read from. */
  public record Found(String name, String title, String side, int start, int end) {
  }

  private static final Pattern CHAIRED_BY = Pattern.compile("(?i)\\bco-?chaired\\s+by\\s+|\\bchaired\\s+jointly\\s+by\\s+|由");
  private static final Pattern CHAIR_VERB = Pattern.compile(
      "(?i)\\s+(?:(?:would|will|to|jointly|also|had|have|has)\\s+)*co-?chair(?:ed|s|ing)?\\b|\\s*(?:共同主持|联合主持)");
  private static final Pattern CLAUSE_START = Pattern.compile(
      "(?i)(?:^|;|:|\\bwhile\\s+|\\bthat\\s+|\\bwhere\\s+|\\bwhen\\s+|\\bsaid\\s+|，|：|；)");
  private static final Pattern ZH_TITLE_SUFFIX = Pattern.compile(
      "(?:副总司长|总司长|副司长|司长|副主任|主任|大使|副部长|部长|助理国务卿|国务卿|代表|专员|副局长|局长|处长|主席|特使|参赞|负责人|团长)");
  private static final String NAME_TOKEN = "\\p{Lu}[\\p{L}'’]+(?:-\\p{L}+)?";
  private static final Pattern NAME_FIRST = Pattern.compile("^((?:" + NAME_TOKEN + "\\s+)(?:(?:van|von|de|der|den|da|di|du|la|le|al|bin|ter)\\s+)?(?:" + NAME_TOKEN
      + ")(?:\\s+" + NAME_TOKEN + ")?)(?:\\s*,\\s*|\\s+of\\s+|\\s+from\\s+|\\s+at\\s+|$)(.*)$", Pattern.DOTALL);
  private static final Pattern PINYIN = Pattern.compile(
      "(?i)(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)){1,2}");
  private static final Pattern LED_BY = Pattern.compile(
      "(?i)\\b(?:the\\s+)?([\\p{L}.-]+)\\s+(?:delegation|side|team)\\s+(?:was|will be|is|were|would be|had been)\\s+(?:led|headed)\\s+by\\s+");
  private static final Pattern ORG_TAIL = Pattern.compile("\\s+(?:of|from|at)\\s+");
  private static final Pattern REPORTING_TAIL = Pattern.compile("(?i),\\s*(?:according to|said|the (?:ministry|spokesperson|statement))");
  private static final Pattern LEADING_FILLER = Pattern.compile("^(?:\\s|,|the\\s|The\\s|and\\s|both\\s|while\\s)+");
  private static final Pattern CHINA_OFFICE = Pattern.compile(
      "(?i)\\bChin(?:a|ese)\\b|\\bForeign Ministry\\b|\\bMinistry of Foreign Affairs\\b|\\bthe ministry\\b|中国|外交部|中方");
  private static final Pattern OFFICE = Pattern.compile(
      "(?i)\\b(?:minister|ministry|director|secretary|ambassador|department|commissioner|envoy|head|chief|official|representative|service|office)\\b");
  private static final Set<String> OFFICE_WORDS = Set.of(
      "minister", "ministry", "director", "director-general", "general", "deputy", "assistant", "secretary", "secretary-general",
      "ambassador", "department", "foreign", "affairs", "office", "service", "commissioner", "special", "representative", "head",
      "chief", "vice", "under", "state", "commission", "council", "bureau", "division", "conferences", "organizations",
      "organisations", "international", "human", "rights", "external", "action", "managing", "asia", "pacific", "asia-pacific",
      "president", "chairman", "chair", "spokesperson", "spokesman", "envoy", "counsellor", "councillor", "official", "senior",
      "permanent", "mission", "delegation", "union", "federal", "law", "legal", "justice", "commonwealth", "development",
      "democracy", "labor", "labour", "policy", "multilateral", "the", "and", "for", "of", "his", "her", "its", "their", "mr", "ms",
      "mrs", "dr", "madam", "h.e.", "acting", "executive", "principal", "political", "director-generals", "undersecretary",
      "under-secretary", "officer", "staff", "team", "leader", "unit", "section", "directorate", "directorate-general", "national",
      "people's", "republic", "government", "cabinet", "parliament", "congress", "department's", "ministry's", "service's",
      "chinese", "china", "sino", "embassy", "consulate", "institute", "university", "society", "association", "centre", "center",
      "both", "while", "also", "with", "a", "an", "in", "at", "on", "by", "to", "as", "who", "which", "led", "heads", "lin",
      "spokesperson's", "according", "meanwhile", "talks", "dialogue", "consultations", "consultation", "session", "meeting");

  private final Lexicon lexicon;

  public CoChairs(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** Co-chairs named in one sentence, sides resolved; {@code text} is the whole body for title look-ups. */
  public List<Found> find(String text, Text.Sentence sentence, String counterpart) {
    List<Found> found = new ArrayList<>();
    String s = sentence.text();
    Matcher by = CHAIRED_BY.matcher(s);
    if (by.find() && !by.group().equals("由")) {
      int from = by.end();
      int to = listEnd(s, from);
      parseList(text, sentence.start() + from, sentence.start() + to, found);
    } else {
      Matcher verb = CHAIR_VERB.matcher(s);
      if (verb.find()) {
        if (isCjk(s)) {
          parseChinese(sentence, verb.start(), found);
        } else {
          int from = clauseStart(s, verb.start());
          parseList(text, sentence.start() + from, sentence.start() + verb.start(), found);
        }
      }
    }
    if (found.size() < 2) {
      return List.of();
    }
    return assignSides(text, found, counterpart);
  }

  /**
   * Heads of delegation: "the Chinese delegation was led by A, title", "the EU side will be headed by B". The word
   * before "delegation"/"side" gives the side.
   */
  public List<Found> delegationLeaders(String text, List<Text.Sentence> sentences, String counterpart) {
    List<Found> found = new ArrayList<>();
    java.util.Set<String> sides = new java.util.HashSet<>();
    for (Text.Sentence sentence : sentences) {
      Matcher m = LED_BY.matcher(sentence.text());
      while (m.find()) {
        String sideWord = m.group(1);
        String side = CHINA_OFFICE.matcher(sideWord).find() ? "CN" : counterpartOf(sideWord);
        if (side == null) {
          side = counterpart;
        }
        int from = sentence.start() + m.end();
        int to = sentence.start() + clauseEnd(sentence.text(), m.end());
        Found f = person(text, from, to);
        if (f != null && sides.add(side)) {
          String title = f.title() != null ? f.title() : lookUpTitle(text, f.name(), f.start());
          found.add(new Found(f.name(), title, side, f.start(), f.end()));
        }
      }
    }
    found.sort(java.util.Comparator.comparing((Found f) -> !"CN".equals(f.side())));
    return found;
  }

  private static int clauseEnd(String s, int from) {
    int end = s.length();
    for (String stop : List.of(";", ", while ", ", and the ", " while ", ", spokesperson", ", the spokesperson", ", according to", ", said")) {
      int i = s.indexOf(stop, from);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    while (end > from && ".。 ,".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return end;
  }

  private String counterpartOf(String word) {
    return lexicon.firstCounterpart(word);
  }

  private static int listEnd(String s, int from) {
    int end = s.length();
    while (end > from && ".。 ".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    // "... co-chaired by A and B, according to the statement": cut reporting tails.
    Matcher tail = REPORTING_TAIL.matcher(s).region(from, end);
    return tail.find() ? tail.start() : end;
  }

  private static int clauseStart(String s, int verbStart) {
    Matcher m = CLAUSE_START.matcher(s).region(0, verbStart);
    int start = 0;
    while (m.find()) {
      start = m.end();
    }
    return start;
  }

  private void parseList(String text, int from, int to, List<Found> out) {
    String seg = text.substring(from, to);
    // Comma-separated lists ("A, title, and B, title") split at ", and"; otherwise try each " and " from the right.
    int commaAnd = seg.lastIndexOf(", and ");
    if (commaAnd > 0) {
      Found a = person(text, from, from + commaAnd);
      Found b = person(text, from + commaAnd + 6, to);
      if (a != null && b != null) {
        out.add(a);
        out.add(b);
        return;
      }
    }
    int idx = seg.lastIndexOf(" and ");
    while (idx > 0) {
      Found a = person(text, from, from + idx);
      Found b = person(text, from + idx + 5, to);
      if (a != null && b != null) {
        out.add(a);
        out.add(b);
        return;
      }
      idx = seg.lastIndexOf(" and ", idx - 1);
    }
  }

  /** One "name, title" / "title name" / "name of org" phrase in {@code text[from, to)}, or null. */
  private Found person(String text, int from, int to) {
    String part = text.substring(from, to);
    int lead = 0;
    Matcher strip = LEADING_FILLER.matcher(part);
    if (strip.find()) {
      lead = strip.end();
    }
    String p = part.substring(lead).replaceAll("[\\s,]+$", "");
    int base = from + lead;
    Matcher nf = NAME_FIRST.matcher(p);
    if (nf.matches() && isName(nf.group(1))) {
      String title = cleanTitle(nf.group(2));
      return new Found(nf.group(1), title.isEmpty() ? null : title, null, base, base + p.length());
    }
    Found titleFirst = titleFirst(p, base, p.length(), "");
    if (titleFirst != null) {
      return titleFirst;
    }
    // "Director General Ma Lianhe of the Foreign Ministry": title, name, then the organisation.
    Matcher of = ORG_TAIL.matcher(p);
    while (of.find()) {
      Found f = titleFirst(p.substring(0, of.start()), base, p.length(), p.substring(of.start()));
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private Found titleFirst(String p, int base, int length, String orgTail) {
    // The name is the run of capitalised non-office words at the end.
    String[] tokens = p.split("\\s+");
    int n = tokens.length;
    int k = 0;
    while (k < Math.min(4, n) && isNameToken(tokens[n - 1 - k])) {
      k++;
    }
    if (k >= 2) {
      String name = String.join(" ", java.util.Arrays.copyOfRange(tokens, n - k, n));
      String title = cleanTitle(String.join(" ", java.util.Arrays.copyOfRange(tokens, 0, n - k)) + orgTail);
      return new Found(name, title.isEmpty() ? null : title, null, base, base + length);
    }
    return null;
  }

  private static String cleanTitle(String t) {
    String title = t.trim().replaceAll("^(?i)(?:who\\s+(?:is|was|serves as|heads)\\s+|the\\s+|a\\s+|an\\s+)", "");
    title = title.replaceAll("[\\s,]+$", "");
    return title;
  }

  private boolean isName(String candidate) {
    String[] tokens = candidate.split("\\s+");
    int real = 0;
    for (String t : tokens) {
      if (t.length() <= 3 && Character.isLowerCase(t.charAt(0))) {
        continue;
      }
      if (!isNameToken(t)) {
        return false;
      }
      real++;
    }
    return real >= 2;
  }

  private boolean isNameToken(String token) {
    String t = token.replaceAll("[,;:]$", "");
    if (t.isEmpty() || !Character.isUpperCase(t.charAt(0)) || t.length() < 2) {
      return false;
    }
    if (!t.chars().allMatch(c -> Character.isLetter(c) || c == '-' || c == '\'' || c == '’')) {
      return false;
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (OFFICE_WORDS.contains(lower) || lower.endsWith("'s") || lower.endsWith("’s")) {
      return false;
    }
    return lexicon.counterpartCode(t) == null && lexicon.city(t) == null;
  }

  private void parseChinese(Text.Sentence sentence, int verbStart, List<Found> out) {
    String s = sentence.text();
    int from = clauseStart(s, verbStart);
    String seg = s.substring(from, verbStart);
    if (seg.startsWith("由")) {
      seg = seg.substring(1);
      from++;
    }
    int sep = -1;
    for (String joiner : List.of("和", "与", "同")) {
      int i = seg.lastIndexOf(joiner);
      if (i > sep) {
        sep = i;
      }
    }
    if (sep <= 0) {
      return;
    }
    Found a = zhPerson(sentence.start() + from, seg.substring(0, sep));
    Found b = zhPerson(sentence.start() + from + sep + 1, seg.substring(sep + 1));
    if (a != null && b != null) {
      out.add(a);
      out.add(b);
    }
  }

  private static Found zhPerson(int base, String part) {
    Matcher m = ZH_TITLE_SUFFIX.matcher(part);
    int end = -1;
    while (m.find()) {
      end = m.end();
    }
    String name = end < 0 ? part : part.substring(end);
    String title = end < 0 ? null : part.substring(0, end);
    if (name.isBlank() || name.length() > 8) {
      return null;
    }
    return new Found(name.trim(), title, null, base, base + part.length());
  }

  private List<Found> assignSides(String text, List<Found> found, String counterpart) {
    List<Found> withTitles = new ArrayList<>();
    for (Found f : found) {
      String title = f.title() != null ? f.title() : lookUpTitle(text, f.name(), f.start());
      withTitles.add(new Found(f.name(), title, sideFromTitle(title), f.start(), f.end()));
    }
    List<Found> out = new ArrayList<>();
    for (int i = 0; i < withTitles.size(); i++) {
      Found f = withTitles.get(i);
      String side = f.side();
      if (side == null) {
        Found other = withTitles.get(withTitles.size() - 1 - i);
        if (other.side() != null && withTitles.size() == 2 && other != f) {
          side = other.side().equals("CN") ? counterpart : "CN";
        } else if (looksPinyin(f.name())) {
          side = "CN";
        } else {
          side = counterpart;
        }
      }
      out.add(new Found(f.name(), f.title(), side, f.start(), f.end()));
    }
    return out;
  }

  /** Side of a co-chair from the words of the title: a counterpart name wins over China's ministry words. */
  private String sideFromTitle(String title) {
    if (title == null) {
      return null;
    }
    String code = lexicon.firstCounterpart(title);
    if (code != null) {
      return code;
    }
    if (CHINA_OFFICE.matcher(title).find()) {
      return "CN";
    }
    return null;
  }

  /** The office written next to another mention of the name: ", title NAME" or "NAME, title,". */
  private String lookUpTitle(String text, String name, int exclude) {
    int idx = text.indexOf(name);
    while (idx >= 0) {
      if (idx != exclude) {
        int lineStart = Math.max(0, Math.max(text.lastIndexOf(',', idx - 1), text.lastIndexOf('.', idx - 1)) + 1);
        String before = text.substring(lineStart, idx).trim();
        if (before.split("\\s+").length >= 2 && hasOfficeWord(before)) {
          return cleanTitle(before);
        }
        int after = idx + name.length();
        if (after + 2 < text.length() && text.charAt(after) == ',') {
          int stop = after + 1;
          while (stop < text.length() && ",.;".indexOf(text.charAt(stop)) < 0) {
            stop++;
          }
          String appositive = text.substring(after + 1, stop).trim();
          if (hasOfficeWord(appositive)) {
            return cleanTitle(appositive);
          }
        }
      }
      idx = text.indexOf(name, idx + 1);
    }
    return null;
  }

  private static boolean hasOfficeWord(String s) {
    return OFFICE.matcher(s).find();
  }

  private static boolean looksPinyin(String name) {
    String[] tokens = name.split("\\s+");
    if (tokens.length < 2 || tokens.length > 3) {
      return false;
    }
    for (String t : tokens) {
      if (!PINYIN.matcher(t.replace("-", "")).matches()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCjk(String s) {
    return Text.guessLanguage(s).equals("zh");
  }
}
