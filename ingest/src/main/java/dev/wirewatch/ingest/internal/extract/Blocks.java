package dev.wirewatch.ingest.internal.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

/**
 * Turns an article body element into paragraphs, leaving out page furniture: navigation, share bars, related
 * headline lists (blocks that are mostly link text), comment forms, editor lines, photo and video captions, ad
 * slots, bylines and pull quotes.
 *
 * <p>The rules are structural first (tags, class and id names, a centred line under an image) and textual
 * second (credit endings such as {@code (Xinhua/Name)}, {@code 新华社记者 X 摄}, {@code Video:} labels, bylines
 * at the top, a paragraph that repeats part of another), so that they hold on pages no profile was written for.
 */
final class Blocks {

  /** Furniture removed before paragraphs are read. */
  private static final String FURNITURE = String.join(", ",
      "script", "style", "noscript", "iframe", "form", "nav", "aside", "button", "input", "select", "textarea",
      "header", "footer", "svg", "video", "audio", "figure", "figcaption", "picture", "object", "embed",
      "amp-ad", "amp-sticky-ad", "amp-embed", "amp-sidebar", "amp-social-share", "amp-video", "amp-iframe",
      ".share", ".bshare", ".bdsharebuttonbox", ".fenxiang", "[class~=(?i)^share]", "[id~=(?i)^share]",
      "[class~=(?i)related]", "[id~=(?i)related]", "[class~=(?i)comment]", "[id~=(?i)comment]",
      ".editor", ".p-editor", "#articleEdit", ".tiyi1", ".xgtj", ".advert", ".ad", ".pages", ".page-nav",
      ".downinfo", ".breadcrumb", ".crumbs");

  /**
   * Class or id names (one token of the attribute) of furniture that has no tag of its own: captions and
   * credits, ad slots, sign-up boxes, bylines and standfirsts, tags, pull quotes, cookie banners.
   */
  private static final Pattern FURNITURE_NAME = Pattern.compile(String.join("|",
      ".*caption.*", "pic-?te?xt", "pic-?info", "photo-?(?:text|credit|info|desc)", "img-?(?:text|desc|info)",
      "credits?", ".*[-_]credits?", "video[-_].*", ".*[-_]video[-_](?:title|credit|info|desc)",
      "ads?", "adv", "advert.*", "ad[-_].*", ".*[-_]ads?", "adslot.*", "dfp.*", "sponsor.*", "promo.*",
      "newsletter.*", ".*[-_]newsletter", "signup.*", ".*[-_]signup", "subscribe.*",
      "byline.*", ".*[-_]byline", "author.*", ".*[-_]author", "dek", "standfirst", "kicker", ".*[-_]kicker",
      "(?:story|article|entry|post)[-_]?meta", "posted[-_](?:by|on)", "dateline[-_]?meta",
      "tags", ".*[-_]tags", "tag[-_]?list", "pull-?quote.*", ".*[-_]pull-?quote", "cookie.*", "consent.*",
      "sharedaddy", "social.*", "font-?size.*", "fontsize.*", "print[-_]?bar", "toolbar"));

  /** Media that make a block a picture or a player rather than prose. */
  /** Parsed once (like the queries below): compiling it on every call was most of the time on large pages. */
  private static final Pattern BLANKS = Pattern.compile("\\s+");
  private static final Evaluator LINKS = QueryParser.parse("a");
  /** Parsed once: parsing the query for every element made a page of many empty blocks take seconds. */
  private static final Evaluator MEDIA =
      QueryParser.parse("img, amp-img, picture, video, amp-video, iframe, embed, object");

  private static final Set<String> BLOCK_TAGS = Set.of(
      "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article",
      "main", "table", "tr", "td", "th", "dd", "dt", "dl", "pre", "figure", "figcaption", "center", "hr");

  /** Editor credits, correction links, end marks, ad labels and lone toolbar words: not part of the story. */
  private static final Pattern JUNK_LINE = Pattern.compile(
      "(?i)^(?:[\\[【(（]\\s*)?(?:editors?|editor\\(s\\)|web editor|edited by|责任编辑|编辑|纠错)\\s*[:：].*"
          + "|^[\\[【]\\s*纠错\\s*[\\]】]$|^enditem$|^\\[?\\s*end\\s*\\]?$|^(?:share|print|close|email)$"
          + "|^(?:advertisements?|sponsored(?: content)?|ad|广告)$");

  /**
   * The credit a photo or video caption ends with: {@code (Xinhua/Name)}, {@code (Photo: China News Service/Name)},
   * {@code 新华社记者 X 摄}, {@code （记者 X 摄）}.
   */
  private static final Pattern CAPTION_CREDIT = Pattern.compile(
      "(?:[(（]\\s*(?:xinhua|photo|photos|photo by|video|vcg|afp|reuters|ap|ecns|cfp|china news service|chinanews)"
          + "\\b[^()（）]{0,60}/[^()（）]{1,60}[)）]"
          + "|(?:新华社|中新社|新华网)?(?:记者|通讯员|发)\\s*[^，。；]{1,30}?\\s*摄[)）]?)\\s*$",
      Pattern.CASE_INSENSITIVE);
  /** A video title line: "Video: ...", "视频：...". */
  private static final Pattern VIDEO_LABEL = Pattern.compile("(?i)^(?:video|视频)\\s*[:：].*");
  private static final int MAX_CAPTION_CHARS = 400;
  /** A byline at the top of the story: "By Jane Doe", "By our correspondent · June 18". */
  private static final Pattern BYLINE = Pattern.compile("(?i)^(?:by|written by|reported by)\\s+\\S.*");
  /** A date or update line at the top of the story. */
  private static final Pattern DATE_LINE_AT_TOP = Pattern.compile(
      "(?i)^(?:updated|published|posted|last updated|first published)\\b.{0,80}$");
  /** Quote marks and dashes trimmed before comparing a pull quote with the body. */
  private static final Pattern QUOTE_EDGES = Pattern.compile("^[\\s\"'“”‘’«»「」『』—–-]+|[\\s\"'“”‘’«»「」『』—–-]+$");
  private static final int MIN_PULL_QUOTE_CHARS = 40;

  private Blocks() {
  }

  /** The paragraphs of {@code body}, furniture left out. The element itself is not modified. */
  static List<String> paragraphs(Element body) {
    return paragraphs(body, null);
  }

  /**
   * The paragraphs of {@code body}, furniture left out, and the headline ({@code title}, may be null) too when
   * the body repeats it. The element itself is not modified.
   */
  static List<String> paragraphs(Element body, String title) {
    Element copy = body.clone();
    removeFurniture(copy);
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
    return tidy(out, title);
  }

  private static void removeFurniture(Element root) {
    int rootChars = Math.max(1, normalise(root.text()).length());
    for (Element furniture : root.select(FURNITURE)) {
      if (furniture != root) {
        furniture.remove();
      }
    }
    List<Element> doomed = new ArrayList<>();
    for (Element e : root.getAllElements()) {
      if (e == root) {
        continue;
      }
      // A name match never takes the story itself: a wrapper holding most of the text stays.
      boolean small = normalise(e.text()).length() * 2 < rootChars;
      if (small && (namedFurniture(e) || isPlayer(e))) {
        doomed.add(e);
      } else if (isImageOnly(e)) {
        Element next = e.nextElementSibling();
        if (next != null && isCentred(next) && next.select(MEDIA).isEmpty()
            && normalise(next.text()).length() <= MAX_CAPTION_CHARS && normalise(next.text()).length() * 2 < rootChars) {
          // The centred line under a picture is its caption.
          doomed.add(next);
        }
      }
    }
    doomed.forEach(Element::remove);
  }

  private static boolean namedFurniture(Element e) {
    for (String token : (e.className() + " " + e.id()).toLowerCase(Locale.ROOT).split("\\s+")) {
      if (!token.isEmpty() && FURNITURE_NAME.matcher(token).matches()) {
        return true;
      }
    }
    return false;
  }

  /** A video container: named so, holding a player, with little text of its own. */
  private static boolean isPlayer(Element e) {
    String names = (e.className() + " " + e.id()).toLowerCase(Locale.ROOT);
    return (names.contains("video") || names.contains("player"))
        && !e.select("video, iframe, embed, object, source, amp-video").isEmpty()
        && normalise(e.text()).length() <= MAX_CAPTION_CHARS;
  }

  private static boolean isImageOnly(Element e) {
    return BLOCK_TAGS.contains(e.normalName()) && normalise(e.text()).isEmpty() && !e.select(MEDIA).isEmpty();
  }

  private static boolean isCentred(Element e) {
    if (e.normalName().equals("center") || "center".equalsIgnoreCase(e.attr("align"))) {
      return true;
    }
    String style = e.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
    if (style.contains("text-align:center")) {
      return true;
    }
    Element only = e.children().size() == 1 ? e.child(0) : null;
    return only != null && only.normalName().equals("center");
  }

  /**
   * Text rules over the whole list: captions and video labels anywhere, bylines and date lines before the
   * first paragraph of the story, the headline when repeated, and pull quotes that repeat another paragraph.
   */
  private static List<String> tidy(List<String> paragraphs, String title) {
    List<String> kept = new ArrayList<>();
    boolean storyStarted = false;
    for (String p : paragraphs) {
      boolean caption = p.length() <= MAX_CAPTION_CHARS
          && (CAPTION_CREDIT.matcher(p).find() || VIDEO_LABEL.matcher(p).matches() && p.length() <= 200);
      if (caption || title != null && p.equals(title)) {
        continue;
      }
      if (!storyStarted && p.length() <= 120 && !endsSentence(p)
          && (BYLINE.matcher(p).matches() || DATE_LINE_AT_TOP.matcher(p).matches())) {
        continue;
      }
      storyStarted = true;
      kept.add(p);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      if (!repeatsAnother(kept, i)) {
        out.add(kept.get(i));
      }
    }
    return out;
  }

  private static boolean endsSentence(String p) {
    return p.matches("(?s).*[.!?。！？]['\"’”]?$");
  }

  /** A pull quote: its words stand inside a longer paragraph, or it repeats an earlier one verbatim. */
  private static boolean repeatsAnother(List<String> paragraphs, int index) {
    String core = QUOTE_EDGES.matcher(paragraphs.get(index)).replaceAll("");
    if (core.length() < MIN_PULL_QUOTE_CHARS) {
      return false;
    }
    String bare = core.replaceAll("[.!?。]$", "");
    for (int j = 0; j < paragraphs.size(); j++) {
      String other = paragraphs.get(j);
      if (j == index) {
        continue;
      }
      if (other.length() > paragraphs.get(index).length() && other.contains(bare)
          || other.equals(paragraphs.get(index)) && j < index) {
        return true;
      }
    }
    return false;
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
    return BLANKS.matcher(s.replace('\u00A0', ' ').replace('\u3000', ' ')).replaceAll(" ").strip();
  }

  /**
   * The element most likely to hold the story: paragraphs credit their parent fully and their grandparent by
   * half, so the densest run of prose wins over menus and lists.
   */
  static Element densest(Document doc) {
    Map<Element, Integer> score = new HashMap<>();
    for (Element p : doc.select("p, pre, div:not(:has(div, p))")) {
      String text = normalise(p.text());
      int linkText = normalise(p.select(LINKS).text()).length();
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
