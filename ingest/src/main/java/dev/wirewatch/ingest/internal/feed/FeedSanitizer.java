package dev.wirewatch.ingest.internal.feed;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * Repairs the two commonest faults of real-world feeds without ever enabling DOCTYPEs: HTML named entities
 * that XML does not declare ({@code &nbsp;}, {@code &lsquo;}) become their characters, and an ampersand that
 * starts no entity becomes {@code &amp;}. CDATA sections and comments are left as they are.
 */
final class FeedSanitizer {

  private static final Pattern REFERENCE =
      Pattern.compile("&(?:([A-Za-z][A-Za-z0-9]{0,31})|#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6}));");

  private FeedSanitizer() {
  }

  static String sanitize(String xml) {
    StringBuilder out = new StringBuilder(xml.length() + 64);
    int i = 0;
    int n = xml.length();
    while (i < n) {
      if (xml.startsWith("<![CDATA[", i)) {
        i = copyThrough(xml, i, "]]>", out);
      } else if (xml.startsWith("<!--", i)) {
        i = copyThrough(xml, i, "-->", out);
      } else if (xml.charAt(i) == '&') {
        i = reference(xml, i, out);
      } else {
        out.append(xml.charAt(i++));
      }
    }
    return out.toString();
  }

  private static int copyThrough(String xml, int from, String end, StringBuilder out) {
    int close = xml.indexOf(end, from);
    int stop = close < 0 ? xml.length() : close + end.length();
    out.append(xml, from, stop);
    return stop;
  }

  private static int reference(String xml, int at, StringBuilder out) {
    Matcher m = REFERENCE.matcher(xml);
    m.region(at, Math.min(xml.length(), at + 48));
    if (m.lookingAt()) {
      String name = m.group(1);
      if (name == null || isXmlEntity(name)) {
        out.append(m.group());
      } else if (Entities.isNamedEntity(name)) {
        String chars = Entities.getByName(name);
        out.append(escapeText(chars));
      } else {
        // An unknown name: the ampersand was meant literally ("AT&T;" style text).
        out.append("&amp;").append(xml, at + 1, m.end());
      }
      return m.end();
    }
    out.append("&amp;");
    return at + 1;
  }

  private static boolean isXmlEntity(String name) {
    return name.equals("amp") || name.equals("lt") || name.equals("gt") || name.equals("quot") || name.equals("apos");
  }

  private static String escapeText(String chars) {
    return chars.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
