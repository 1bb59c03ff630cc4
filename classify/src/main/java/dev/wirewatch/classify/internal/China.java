package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Rule;
import java.util.regex.Pattern;

/** How a text names China: a round counts only when China is a party, and a place "in the Chinese city of" is in CN. */
final class China {

  static final Pattern NAMED = Pattern.compile("\\bChin(?:a|ese|a's)\\b|\\bSino-|\\bBeijing\\b|中国|中方|我国|中\\p{IsHan}?人权");
  /** The same pattern as a gated rule: tried only where its start words occur. */
  static final Rule RULE = new Rule(NAMED);

  private China() {
  }
}
