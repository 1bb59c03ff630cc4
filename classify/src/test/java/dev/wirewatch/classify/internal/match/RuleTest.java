package dev.wirewatch.classify.internal.match;

import dev.wirewatch.classify.internal.Lexicon;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The speed-ups of {@link Rule} (start-word gate, one regex per alternative, word-start filter) and of
 * {@link PrefixIndex} must find exactly what the plain regex finds.
 */
class RuleTest {

  private static final List<String> TEXTS = List.of(
      "China and Norway held their 12th human rights dialogue here on Tuesday, and agreed to hold the next round in Oslo.",
      "The co-chaired talks, upheld by both sides, were postponed; the EU had cancelled a consultation on human rights.",
      "Asked about it, the spokesperson said the two sides will co-chair the session, which opened on Monday.",
      "新华社北京3月2日电 中国和挪威将于3月5日在奥斯陆举行第十一次人权对话，上一次对话于2023年举行。",
      "Human-rights talks; human rights consultations; dialogues on human rights; the held-over meeting was frozen.");

  private static List<Span> plain(Pattern p, String text) {
    List<Span> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(new Span(m.start(), m.end()));
    }
    return out;
  }

  private static String show(List<Span> spans) {
    return spans.stream().map(s -> s.start() + "-" + s.end()).toList().toString();
  }

  @Test
  void everyShippedRuleFindsWhatItsRegexFinds() {
    // Given every cue, negative, topic and tone rule of the shipped lexicon, and one index over all of them
    Lexicon lex = Lexicon.standard();
    List<Rule> rules = new ArrayList<>();
    for (String kind : List.of("anchor", "prevround", "nextround", "POSTPONED", "CANCELLED", "SUSPENDED", "ANNOUNCED", "HELD", "resume",
        "modal", "reporting", "topicswitch", "anaphor", "here", "background")) {
      rules.add(lex.rule(kind));
    }
    lex.negatives().forEach(s -> rules.add(s.rule()));
    lex.topics().forEach(s -> rules.add(s.rule()));
    lex.tones().forEach(s -> rules.add(s.rule()));
    PrefixIndex index = new PrefixIndex(rules);

    for (String text : TEXTS) {
      String lower = Gate.lower(text);
      Hits hits = new Hits(text, lower, index);
      for (Rule rule : rules) {
        // When
        List<Span> expected = plain(rule.pattern(), text);

        // Then
        String what = rule.pattern().pattern() + " in " + text;
        assertEquals(show(expected), show(rule.findAll(text, lower, 0, text.length())), what);
        assertEquals(show(expected), show(hits.in(rule, 0, text.length())), what);
      }
    }
  }
}
