package dev.wirewatch.ingest.internal.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an article body element into paragraphs, leaving out page furniture: navigation, share bars, related
 * headline lists (blocks that are mostly link text), comment forms and editor lines.
 */
final class Blocks {

  /** Furniture removed before paragraphs are read. */
  private static final String FURNITURE = String.join(", ",
      "script", "style", "noscript", "iframe", "form", "nav", "aside", "button", "input", "select", "textarea",
      "header", "footer", "svg", "video", "audio",
      ".share", ".bshare", ".bdsharebuttonbox", ".fenxiang", "[class~=(?i)^share]", "[id~=(?i)^share]",
      "[class~=(?i)related]", "[id~=(?i)related]", "[class~=(?i)comment]", "[id~=(?i)comment]",
      ".editor", ".p-editor", "#articleEdit", ".tiyi1", ".xgtj", ".advert", ".ad", ".pages", ".page-nav",
      ".downinfo", ".breadcrumb", ".crumbs");

  private static final Set<String> BLOCK_TAGS = Set.of(
      "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article",
      "main", "table", "tr", "td", "th", "dd", "dt", "dl", "pre", "figure", "figcaption", "center", "hr");

  /** Editor credits, correction links and end marks: not part of the story. */
  private static final Pattern JUNK_LINE = Pattern.compile(
      "(?i)^(?:[\\[【(（]\\s*)?(?:editors?|editor\\(s\\)|web editor|edited by|责任编辑|编辑|纠错)\\s*[:：].*"
          + "|^[\\[【]\\s*纠错\\s*[\\]】]$|^enditem$|^\\[?\\s*end\\s*\\]?$|^(?:share|print|close|email)$");

  private Blocks() {
  }

  /** The paragraphs of {@code body}, furniture left out. The element itself is not modified. */
  static List<String> paragraphs(Element body) {
    Element copy = body.clone();
    for (Element furniture : copy.select(FURNITURE)) {
      if (furniture != copy) {
        furniture.remove();
      }
    }
    List<String> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int[] linkChars = {0};
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
          String s = t.getWholeText();
          text.append(s);
          if (insideLink(t, copy)) {
            linkChars[0] += s.strip().length();
          }
        } else if (node instanceof Element e && BLOCK_TAGS.contains(e.normalName())) {
          flush(text, linkChars, out);
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && BLOCK_TAGS.contains(e.normalName())) {
          flush(text, linkChars, out);
        }
      }
    }, copy);
    flush(text, linkChars, out);
    return out;
  }

  private static boolean insideLink(Node node, Element root) {
    for (Node n = node.parentNode(); n != null && n != root; n = n.parentNode()) {
      if (n instanceof Element e && e.normalName().equals("a")) {
        return true;
      }
    }
    return false;
  }

  private static void flush(StringBuilder text, int[] linkChars, List<String> out) {
    String line = normalise(text.toString());
    int links = linkChars[0];
    text.setLength(0);
    linkChars[0] = 0;
    if (line.isEmpty() || JUNK_LINE.matcher(line).matches()) {
      return;
    }
    // A block that is mostly link text is a list of related headlines or a menu, not prose.
    if (links > 0 && links * 2 > line.length()) {
      return;
    }
    out.add(line);
  }

  /** Collapses blanks (keeping none between CJK characters that had none) and trims full-width spaces. */
  static String normalise(String s) {
    return s.replace('\u00A0', ' ').replace('\u3000', ' ').replaceAll("\\s+", " ").strip();
  }

  /**
   * The element most likely to hold the story: paragraphs credit their parent fully and their grandparent by
   * half, so the densest run of prose wins over menus and lists.
   */
  static Element densest(Document doc) {
    Map<Element, Integer> score = new HashMap<>();
    for (Element p : doc.select("p, pre, div:not(:has(div, p))")) {
      String text = normalise(p.text());
      int linkText = normalise(p.select("a").text()).length();
      if (text.length() < 25 || linkText * 2 > text.length()) {
        continue;
      }
      int len = text.length() - linkText;
      Element parent = p.parent();
      if (parent != null) {
        score.merge(parent, len, Integer::sum);
        Element grand = parent.parent();
        if (grand != null) {
          score.merge(grand, len / 2, Integer::sum);
        }
      }
    }
    return score.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(doc.body());
  }
}
