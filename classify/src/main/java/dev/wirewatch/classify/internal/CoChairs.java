package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Gate;
import dev.wirewatch.classify.internal.match.Rule;
import dev.wirewatch.classify.internal.match.Span;
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

  /** Tried only where its start words occur ("co-chaired", "chaired", "jointly", "由"). */
  private static final Rule CHAIRED_BY = new Rule(
      Pattern.compile("(?i)\\bco-?chaired\\s+by\\s+|\\bchaired\\s+jointly\\s+by\\s+|\\bjointly\\s+chaired\\s+by\\s+|由"
          // The round's leaders as a list: "heads of delegation were A and B", "the consultations were led by A and B".
          + "|\\bheads\\s+of\\s+(?:the\\s+)?delegations?\\s+(?:this\\s+time\\s+)?(?:were|are|will\\s+be)\\s+"
          + "|\\b(?:talks|consultations|dialogue|round|roundtable|meeting)\\s+(?:was|were|will\\s+be|is|are)\\s+(?:co-?)?(?:led|headed|moderated|chaired)\\s+by\\s+"));
  /** "A, title, chaired the talks together with B, title" / "A would co-chair the consultation with B". */
  private static final Pattern CHAIR_WITH = Pattern.compile(
      "(?i),?\\s+(?:(?:would|will|to|jointly|also|had|have|has)\\s+)*(?:co-?)?chair(?:ed|s|ing)?\\s+the\\s+(?:[\\w-]+\\s+){0,3}?(?:together\\s+)?with\\s+"
          // An official as the subject of "held consultations ... with" another: the two heads of the round.
          + "|,?\\s+(?:held|holds|will\\s+hold)\\s+(?:[\\w-]+\\s+){0,3}?(?:consultations|talks|dialogue)\\b[^,;]{0,60}?\\s+with\\s+");
  /** "A, title, led the Chinese side" / "A will lead the Chinese delegation": the word before "side" gives the side. */
  static final Pattern LEADS = Pattern.compile(
      "(?i),?\\s+(?:(?:will|would|is to|was to)\\s+)?(?:led|lead|leads|leading|headed|head|heads|heading|(?:the\\s+)?head\\s+of)\\s+(?:the\\s+([\\p{L}.-]+)|a|its|her|his)\\s+(?:delegation|side|team)\\b");
  static final Pattern CHAIR_VERB = Pattern.compile(
      "(?i)\\s+(?:(?:would|will|to|jointly|also|had|have|has)\\s+)*co-?chair(?:ed|s|ing)?\\b"
          + "|\\s+(?:(?:would|will|also)\\s+)?(?:led|lead|headed|head)\\s+(?:the|their)\\s+(?:two\\s+|respective\\s+)?delegations\\b|\\s*(?:共同主持|联合主持|分别率团|分别率领|分别带队)");
  /** Words that open a clause before a co-chair list (see {@link #clauseStart}). */
  private static final List<String> CLAUSE_WORDS = List.of("while", "that", "where", "when", "said");
  private static final Pattern ZH_TITLE_SUFFIX = Pattern.compile(
      "(?:部长助理|助理|副总司长|总司长|副司长|司长|副主任|主任|大使|副部长|部长|助理国务卿|国务卿|代表|专员|委员|副局长|局长|处长|主席|特使|参赞|负责人|团长|秘书长|副秘书长|主管|总干事|副总干事)");
  /** "My counterpart was A", "her Chinese counterpart is A": the other side's head. */
  private static final Pattern COUNTERPART_IS = Pattern.compile(
      "(?i)\\b(?:my|his|her|their|our)\\s+(?:\\p{L}+\\s+)?counterpart\\s+(?:was|is|will be)\\s+");
  /** What may follow a Chinese name: its Latin form in brackets, an honorific, the place of the meeting. */
  private static final Pattern ZH_NAME_TAIL = Pattern.compile("(?:[（(][^）)]{1,60}[）)])?(?:大使|先生|女士)?(?:在[^，。；]{1,12})?$");
  /** "中方代表团由A率领" / "白方代表团团长为B": Chinese heads of delegation. */
  private static final Pattern ZH_LED = Pattern.compile(
      "(\\p{IsHan}{1,4}?)(?:方)?代表团(?:将|则)?由([^，。；]{2,80}?)(?:率领|带领|率团|领导|担任团长|带队|领军)|(\\p{IsHan}{1,4}?)(?:方)?代表团团长(?:为|是|由)([^，。；]{2,40}?)(?:担任)?(?=[，。；]|$)"
          // "A将率中方代表团出席": the leader as subject, the side after the verb.
          + "|([^，。；]{2,40}?)(?:将|则)?(?:率领|带领|率)(\\p{IsHan}{1,4}?)(?:方)?代表团");
  private static final String NAME_TOKEN = "\\p{Lu}[\\p{L}'’]+(?:-\\p{L}+)?";
  // One or two name words right after a surname said alone, or right before it (see fullName).
  private static final Pattern NAME_WORDS_AFTER = Pattern.compile("(?:\\s+" + NAME_TOKEN + "){1,2}\\b");
  private static final Pattern NAME_WORDS_BEFORE = Pattern.compile("\\b(?:" + NAME_TOKEN + "\\s+){1,2}$");
  private static final Pattern NAME_FIRST = Pattern.compile("^((?:" + NAME_TOKEN + "\\s+)(?:(?:van|von|de|der|den|da|di|du|la|le|al|bin|ter)\\s+)?(?:" + NAME_TOKEN
      + ")(?:\\s+" + NAME_TOKEN + "){0,2})(?:\\s*,\\s*|\\s+of\\s+|\\s+from\\s+|\\s+at\\s+|$)(.*)$", Pattern.DOTALL);
  private static final Pattern PINYIN = Pattern.compile(
      "(?i)(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)){1,2}");
  static final Pattern LED_BY = Pattern.compile(
      "(?i)\\b(?:the\\s+)?([\\p{L}.-]+?)(?:'s|’s)?\\s+(?:delegation|side|team)\\s*,?\\s+(?:(?:(?:was|will be|is|were|would be|had been|being)\\s+)?(?:led|headed)\\s+)?by\\s+");
  private static final Pattern ORG_TAIL = Pattern.compile("\\s+(?:of|from|at)\\s+");
  private static final Pattern REPORTING_TAIL = Pattern.compile("(?i),\\s*(?:according to|said|the (?:ministry|spokesperson|statement)|(?:\\p{Lu}\\p{L}+\\s+){1,2}(?:said|added|told)\\b)");
  /** Words before a name that are not part of it, "On 22 June, " (when) included. */
  private static final Pattern LEADING_FILLER = Pattern.compile(
      "^(?:\\s|,|the\\s|The\\s|and\\s|both\\s|while\\s|(?:On|In|At|During)\\s[^,]{1,30},)+");
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

  // Compiled once: String.split/replaceAll with a regex compile it on every call.
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern TITLE_LEAD = Pattern.compile("^(?i)(?:who\\s+(?:is|was|serves as|heads)\\s+|the\\s+|a\\s+|an\\s+)");
  private static final Set<String> NAME_PARTICLES = Set.of("van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "al", "bin", "ter");

  private final Lexicon lexicon;

  public CoChairs(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /**
   * Co-chairs of a round told in {@code sentences}: those of the first sentence that names co-chairs, else the heads of
   * delegation.
   */
  public List<Found> ofRound(String text, String lower, List<Text.Sentence> sentences, String counterpart) {
    for (Text.Sentence sentence : sentences) {
      List<Found> found = find(text, lower, sentence, counterpart);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return delegationLeaders(text, sentences, counterpart);
  }

  /**
   * Co-chairs named in one sentence, sides resolved; {@code text} is the whole body for title look-ups and
   * {@code lower} its {@link Gate#lower} form.
   */
  public List<Found> find(String text, String lower, Text.Sentence sentence, String counterpart) {
    List<Found> found = new ArrayList<>();
    String s = sentence.text();
    String ls = s.toLowerCase(Locale.ROOT);
    boolean chair = ls.contains("chair");
    // Literal pre-checks: most sentences of a story name no chair, and these regexes start with optional parts.
    boolean heldWith = ls.contains("held ") || ls.contains("hold ");
    boolean leaders = ls.contains("delegation") || ls.contains("ed by");
    if (!chair && !leaders && !heldWith && !s.contains("主持") && !s.contains("分别")) {
      return List.of();
    }
    Span by = chair || leaders || s.indexOf('由') >= 0 ? CHAIRED_BY.find(text, lower, sentence.start(), sentence.end()) : null;
    if (by != null && !(by.end() - by.start() == 1 && text.charAt(by.start()) == '由')) {
      int from = by.end() - sentence.start();
      int to = listEnd(s, from);
      parseList(text, sentence.start() + from, sentence.start() + to, found);
    } else if ((chair || heldWith) && ls.contains(" with ") && !isCjk(s) && chairedWith(text, sentence, found)) {
      // found holds both
    } else if (ls.contains("co-chair") || ls.contains("cochair") || ls.contains("delegations") || s.contains("共同主持")
        || s.contains("联合主持") || s.contains("分别率") || s.contains("分别带队")) {
      // Each alternative of CHAIR_VERB holds one of these; it starts at white space, so it would be tried at every gap.
      Matcher verb = searchFromRunBefore(CHAIR_VERB, s, Gate.lower(s), List.of("co-chair", "cochair", "delegations", "共同主持", "联合主持",
          "分别率", "分别带队"));
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

  private boolean chairedWith(String text, Text.Sentence sentence, List<Found> out) {
    Matcher w = CHAIR_WITH.matcher(sentence.text());
    if (!w.find()) {
      return false;
    }
    String s = sentence.text();
    int from = clauseStart(s, w.start());
    Found a = person(text, sentence.start() + from, sentence.start() + w.start());
    // "On April 22, 2024, A, title, held consultations with B": the subject may follow an opening phrase and its comma.
    for (int comma = s.indexOf(',', from); a == null && comma >= 0 && comma < w.start(); comma = s.indexOf(',', comma + 1)) {
      a = person(text, sentence.start() + comma + 1, sentence.start() + w.start());
    }
    Found b = a == null ? null : person(text, sentence.start() + w.end(), sentence.start() + listEnd(s, w.end()));
    if (a == null || b == null) {
      return false;
    }
    out.add(a);
    out.add(b);
    return true;
  }

  /**
   * Heads of delegation: "the Chinese delegation was led by A, title", "the EU side will be headed by B". The word
   * before "delegation"/"side" gives the side.
   */
  public List<Found> delegationLeaders(String text, List<Text.Sentence> sentences, String counterpart) {
    List<Found> found = new ArrayList<>();
    java.util.Set<String> sides = new java.util.HashSet<>();
    for (Text.Sentence sentence : sentences) {
      String ls = sentence.text().toLowerCase(Locale.ROOT);
      // Both English patterns name the side's "delegation", "side" or "team"; they start at white space, so they would
      // be tried at every gap of every sentence that says "led" or "by".
      boolean unit = ls.contains("delegation") || ls.contains("side") || ls.contains("team");
      boolean by = unit && ls.contains(" by ");
      boolean leads = unit && (ls.contains("led") || ls.contains("lead") || ls.contains("head"));
      boolean zhLed = sentence.text().contains("代表团");
      if (!by && !leads && !zhLed && !ls.contains("counterpart")) {
        continue;
      }
      String aligned = by || leads ? Gate.lower(sentence.text()) : null;
      Matcher m = by ? searchFromRunBefore(LED_BY, sentence.text(), aligned, UNIT_WORDS) : LED_BY.matcher("");
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
      Matcher zh = ZH_LED.matcher(zhLed ? sentence.text() : "");
      while (zh.find()) {
        int g = zh.group(1) != null ? 1 : zh.group(3) != null ? 3 : 6;
        String sideWord = zh.group(g);
        String side = sideWord.endsWith("中") || CHINA_OFFICE.matcher(sideWord).find() ? "CN" : counterpartOf(sideWord);
        if (side == null) {
          side = counterpart;
        }
        int nameGroup = g == 6 ? 5 : g + 1;
        Found f = zhPerson(sentence.start() + zh.start(nameGroup), zh.group(nameGroup));
        if (f != null && sides.add(side)) {
          found.add(new Found(f.name(), f.title(), side, f.start(), f.end()));
        }
      }
      Matcher peer = ls.contains("counterpart") ? COUNTERPART_IS.matcher(sentence.text()) : COUNTERPART_IS.matcher("");
      if (peer.find()) {
        // "My counterpart was A, title": the other head, whose office tells the side.
        Found f = person(text, sentence.start() + peer.end(), sentence.start() + clauseEnd(sentence.text(), peer.end()));
        String side = f == null ? null : sideFromTitle(f.title() != null ? f.title() : lookUpTitle(text, f.name(), f.start()));
        if (f != null && side != null && sides.add(side)) {
          found.add(new Found(f.name(), f.title(), side, f.start(), f.end()));
        }
      }
      Matcher lead = leads ? searchFromRunBefore(LEADS, sentence.text(), aligned, UNIT_WORDS) : LEADS.matcher("");
      while (lead.find()) {
        int from = sentence.start() + clauseStart(sentence.text(), lead.start());
        Found f = person(text, from, sentence.start() + lead.start());
        // "headed a delegation": no side word, so the person's office tells the side.
        String sideWord = lead.group(1);
        String side = sideWord == null ? (f == null ? null : sideFromTitle(f.title()))
            : CHINA_OFFICE.matcher(sideWord).find() ? "CN" : counterpartOf(sideWord);
        if (side == null) {
          side = counterpart;
        }
        if (f != null && sides.add(side)) {
          String title = f.title() != null ? f.title() : lookUpTitle(text, f.name(), f.start());
          found.add(new Found(f.name(), title, side, f.start(), f.end()));
        }
      }
    }
    found.sort(java.util.Comparator.comparing((Found f) -> !"CN".equals(f.side())));
    return found;
  }

  /** The words that name a side in LED_BY and LEADS. */
  static final List<String> UNIT_WORDS = List.of("delegation", "side", "team");

  /**
   * A matcher of {@code pattern} over {@code s} whose search starts where a match can first begin, not at 0. For the
   * patterns given here every match reaches one of {@code words} (looked up in {@code lower}, {@code s} lower-cased
   * char by char) through letters, white space, '.', '-', ',' and apostrophes only, so none starts before the run of those
   * characters that ends at the first such word. Transparent bounds keep {@code \b} at the new start as it was.
   */
  static Matcher searchFromRunBefore(Pattern pattern, String s, String lower, List<String> words) {
    int first = s.length();
    for (String word : words) {
      int at = lower.indexOf(word);
      if (at >= 0 && at < first) {
        first = at;
      }
    }
    int start = first;
    while (start > 0) {
      char c = s.charAt(start - 1);
      if (!(Character.isLetter(c) || Character.isWhitespace(c) || c == '.' || c == '-' || c == ',' || c == '\'' || c == '’')) {
        break;
      }
      start--;
    }
    return pattern.matcher(s).useTransparentBounds(true).region(start, s.length());
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

  /**
   * Where the clause before a verb starts: the end of the last clause opener before {@code verbStart} — one of
   * {@code ; : ， ： ；} or, after a non-word character, "while", "that", "where", "when" or "said" (any case) with the
   * white space after it — else 0. Read backwards from the verb rather than by an alternation tried at every
   * character. Openers cannot overlap, so the last one is the one starting last; one at 0 never counts (the clause
   * starts there anyway).
   */
  static int clauseStart(String s, int verbStart) {
    for (int p = verbStart - 1; p >= 1; p--) {
      char c = s.charAt(p);
      if (c == ';' || c == ':' || c == '，' || c == '：' || c == '；') {
        return p + 1;
      }
      int folded = c | 0x20;
      if (folded == 'w' || folded == 't' || folded == 's') {
        int end = clauseWordEnd(s, p, verbStart);
        if (end >= 0) {
          return end;
        }
      }
    }
    return 0;
  }

  /** End of a clause word at {@code p} and the spaces after it, within {@code limit}, or -1. */
  private static int clauseWordEnd(String s, int p, int limit) {
    if (wordBefore(s, p)) {
      return -1;
    }
    for (String word : CLAUSE_WORDS) {
      int q = p + word.length();
      if (q < limit && asciiIgnoreCase(s, p, word) && Text.isRegexSpace(s.charAt(q))) {
        while (q < limit && Text.isRegexSpace(s.charAt(q))) {
          q++;
        }
        return q;
      }
    }
    return -1;
  }

  /**
   * Whether the regex {@code \\b} sees a word character before {@code p}: a letter, digit or '_', or a combining
   * mark that sits on a letter or digit.
   */
  private static boolean wordBefore(String s, int p) {
    int before = s.codePointBefore(p);
    if (before == '_' || Character.isLetterOrDigit(before)) {
      return true;
    }
    if (Character.getType(before) != Character.NON_SPACING_MARK) {
      return false;
    }
    for (int x = p - 1; x >= 0; x--) {
      int c = s.codePointAt(x);
      if (Character.isLetterOrDigit(c)) {
        return true;
      }
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        return false;
      }
    }
    return false;
  }

  private static boolean asciiIgnoreCase(String s, int at, String lowerWord) {
    for (int k = 0; k < lowerWord.length(); k++) {
      if ((s.charAt(at + k) | 0x20) != lowerWord.charAt(k)) {
        return false;
      }
    }
    return true;
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
    // Anchored at the start: lookingAt, not a find() that tries every position.
    Matcher strip = LEADING_FILLER.matcher(part);
    if (strip.lookingAt()) {
      lead = strip.end();
    }
    String p = withoutTrailingSpaceOrComma(part.substring(lead));
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
    // "Li and Baeriswyl co-chaired": a name said in full earlier, now by one part of it.
    String full = isNameToken(p) ? fullName(text, p, from) : null;
    if (full != null) {
      return new Found(full, null, null, base, base + p.length());
    }
    // "Ambassador Claudia Rüegg, head of the ... Division": title, name, then an appositive.
    int comma = p.indexOf(',');
    if (comma > 0) {
      Found f = titleFirst(p.substring(0, comma), base, p.length(), p.substring(comma));
      if (f != null) {
        return f;
      }
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

  /** The full name written before {@code at} that {@code part} begins or ends ("Li" of "Li Junhua", "Kofler"), or null. */
  private String fullName(String text, String part, int at) {
    // Every occurrence of the part, then the name words after or before it: fixed patterns, none compiled per call.
    String found = null;
    for (int i = text.indexOf(part); i >= 0 && i + part.length() <= at; i = text.indexOf(part, i + 1)) {
      int end = i + part.length();
      if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)) || end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
        continue;
      }
      Matcher after = NAME_WORDS_AFTER.matcher(text).region(end, at).useTransparentBounds(true);
      if (after.lookingAt() && isName(text.substring(i, after.end()))) {
        found = text.substring(i, after.end());
        continue;
      }
      Matcher before = NAME_WORDS_BEFORE.matcher(text).region(Math.max(0, i - 80), i).useTransparentBounds(true);
      if (before.find() && isName(text.substring(before.start(), end))) {
        found = text.substring(before.start(), end);
      }
    }
    return found;
  }

  private Found titleFirst(String p, int base, int length, String orgTail) {
    // The name is the run of capitalised non-office words at the end.
    String[] tokens = SPACES.split(p);
    int n = tokens.length;
    int k = 0;
    while (k < Math.min(6, n)) {
      if (isNameToken(tokens[n - 1 - k])) {
        k++;
        continue;
      }
      // "van der" inside a name: particles count when a name word stands before them.
      int j = k;
      while (k > 0 && j < n && NAME_PARTICLES.contains(tokens[n - 1 - j])) {
        j++;
      }
      if (j > k && j < n && isNameToken(tokens[n - 1 - j])) {
        k = j;
        continue;
      }
      break;
    }
    if (k >= 2) {
      String name = String.join(" ", java.util.Arrays.copyOfRange(tokens, n - k, n));
      String title = cleanTitle(String.join(" ", java.util.Arrays.copyOfRange(tokens, 0, n - k)) + orgTail);
      return new Found(name, title.isEmpty() ? null : title, null, base, base + length);
    }
    return null;
  }

  private static String cleanTitle(String t) {
    String trimmed = t.trim();
    Matcher lead = TITLE_LEAD.matcher(trimmed);
    return withoutTrailingSpaceOrComma(lead.lookingAt() ? trimmed.substring(lead.end()) : trimmed);
  }

  /**
   * {@code s} with what the regex {@code [\s,]+$} matches removed, without running it from every position: only the
   * run of white space and commas at the end can match, or the run before a final line terminator that {@code \s}
   * does not cover (U+0085, U+2028, U+2029), where {@code $} also matches.
   */
  static String withoutTrailingSpaceOrComma(String s) {
    int keepFrom = s.length();
    if (keepFrom > 0 && "\u0085\u2028\u2029".indexOf(s.charAt(keepFrom - 1)) >= 0) {
      keepFrom--;
    }
    int start = keepFrom;
    while (start > 0 && (s.charAt(start - 1) == ',' || Text.isRegexSpace(s.charAt(start - 1)))) {
      start--;
    }
    return start == keepFrom ? s : s.substring(0, start) + s.substring(keepFrom);
  }

  private boolean isName(String candidate) {
    String[] tokens = SPACES.split(candidate);
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
    String t = token.endsWith(",") || token.endsWith(";") || token.endsWith(":") ? token.substring(0, token.length() - 1) : token;
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
    // "对话将由A与B共同主持": the list starts after 由.
    int by = seg.indexOf('由');
    if (by >= 0) {
      seg = seg.substring(by + 1);
      from += by + 1;
    }
    // Titles contain 和/与 too ("人权政策和人道主义援助专员"), so take the first joiner whose left side ends in a
    // short name after a title and whose right side is a person.
    for (int sep = 1; sep < seg.length() - 1; sep++) {
      if ("和与同".indexOf(seg.charAt(sep)) < 0) {
        continue;
      }
      Found a = zhPerson(sentence.start() + from, seg.substring(0, sep));
      Found b = zhPerson(sentence.start() + from + sep + 1, seg.substring(sep + 1));
      if (a != null && b != null && (a.name().length() <= 4 || a.name().contains("·"))) {
        out.add(a);
        out.add(b);
        return;
      }
    }
  }

  private static Found zhPerson(int base, String written) {
    // "波斯纳（Michael Posner）大使在莫斯科": the Latin form in brackets, an honorific and where they met are no part of
    // the name as labelled.
    String part = ZH_NAME_TAIL.matcher(written).replaceFirst("");
    Matcher m = ZH_TITLE_SUFFIX.matcher(part);
    int end = -1;
    while (m.find()) {
      end = m.end();
    }
    String name = end < 0 ? part : part.substring(end);
    String title = end < 0 ? null : part.substring(0, end);
    if (name.isBlank() || name.length() > 12 || !name.contains("·") && name.length() > 5) {
      return null;
    }
    return new Found(name.trim(), title, null, base, base + written.length());
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
        if (SPACES.split(before).length >= 2 && hasOfficeWord(before)) {
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
    String[] tokens = SPACES.split(name);
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
