package dev.wirewatch.ingest.internal.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import dev.wirewatch.ingest.IngestException;
import dev.wirewatch.ingest.internal.fetch.Charsets;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom feeds with Rome, hardened: a DOCTYPE is refused before parsing (no external
 * entities, no entity expansion, nothing read from disk or network), and the usual faults of real feeds are
 * repaired first (undeclared HTML entities, bare ampersands, a wrong declared encoding). Items without a link
 * fall back to their guid; relative links are resolved against the feed URL. An HTML page is refused as such
 * (not as a DOCTYPE), and a feed cut off in the middle keeps the complete items before the cut.
 */
public final class FeedParser {

  private static final Pattern PROLOG_ENCODING =
      Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:\\-]+)[\"']");
  private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE", Pattern.CASE_INSENSITIVE);
  private static final Pattern ROOT_START = Pattern.compile("<[A-Za-z_]");
  private static final Pattern ENTITY_DECL = Pattern.compile("<!ENTITY", Pattern.CASE_INSENSITIVE);

  private FeedParser() {
  }

  /**
   * Parses one feed body.
   *
   * @param feedUrl the URL the feed was fetched from (base for relative links)
   * @param body the feed bytes after content decoding
   * @param contentType the Content-Type header, or null
   * @throws IngestException when the feed is refused or cannot be recovered; the message is one line
   */
  public static ParsedFeed parse(URI feedUrl, byte[] body, String contentType) {
    if (DocumentSniffer.isHtml(body, contentType)) {
      throw new IngestException("not a feed: " + feedUrl + " answered with an HTML page"
          + (contentType == null ? "" : " (" + contentType.split(";", 2)[0].trim() + ")")
          + "; a list page is read as one when its kind is list or not set");
    }
    String xml = decode(body, contentType);
    String prolog = prolog(xml);
    if (DOCTYPE.matcher(prolog).find() || ENTITY_DECL.matcher(prolog).find()) {
      throw new IngestException("feed refused: it declares a DOCTYPE or entities, which are not allowed");
    }
    NestingGuard.check(xml);
    SyndFeed feed;
    boolean cut = false;
    try {
      feed = build(xml);
    } catch (FeedException | IllegalArgumentException e) {
      java.util.Optional<String> kept = FeedRepair.keepCompleteItems(xml);
      if (kept.isEmpty()) {
        throw new IngestException("feed cannot be parsed: " + rootMessage(e), e);
      }
      try {
        feed = build(kept.get());
        cut = true;
      } catch (FeedException | IllegalArgumentException again) {
        throw new IngestException("feed cannot be parsed: " + rootMessage(e), e);
      }
    }
    List<FeedItem> items = new ArrayList<>();
    int skipped = 0;
    // The fetched URL is what relative links are written against in practice (xml:base is rare in feeds).
    URI base = feedUrl;
    for (SyndEntry entry : feed.getEntries()) {
      Optional<URI> link = link(base, entry);
      if (link.isEmpty()) {
        skipped++;
        continue;
      }
      items.add(new FeedItem(link.get(), clean(entry.getTitle()), description(entry),
          instant(entry.getPublishedDate()), instant(entry.getUpdatedDate())));
    }
    return new ParsedFeed(feed.getFeedType(), items, skipped, cut);
  }

  private static SyndFeed build(String xml) throws FeedException {
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    input.setXmlHealerOn(true);
    return input.build(new StringReader(FeedSanitizer.sanitize(xml)));
  }

  /**
   * Decodes the feed bytes. A byte-order mark wins; then the declared charsets (HTTP header, XML prolog) as
   * long as the bytes are valid in them; bytes that are valid UTF-8 but labelled as a Latin single-byte charset
   * are UTF-8 (the usual mislabelling); anything else falls back to windows-1252, which accepts every byte.
   */
  static String decode(byte[] body, String contentType) {
    Optional<Charset> bom = Charsets.fromBom(body);
    if (bom.isPresent()) {
      return Charsets.decodeLenient(body, bom.get());
    }
    List<Charset> declared = new ArrayList<>();
    Charsets.fromContentType(contentType).flatMap(Charsets::lookup).ifPresent(declared::add);
    String head = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1);
    Matcher m = PROLOG_ENCODING.matcher(head);
    if (m.find()) {
      Charsets.lookup(m.group(1)).ifPresent(declared::add);
    }
    Optional<String> asUtf8 = Charsets.decodeStrict(body, StandardCharsets.UTF_8);
    for (Charset charset : declared) {
      if (asUtf8.isPresent() && Charsets.isSingleByteLatin(charset) && Charsets.hasNonAscii(body)) {
        return asUtf8.get();
      }
      Optional<String> decoded = Charsets.decodeStrict(body, charset);
      if (decoded.isPresent()) {
        return decoded.get();
      }
    }
    return asUtf8.orElseGet(() -> Charsets.decodeLenient(body, Charset.forName("windows-1252")));
  }

  /** Everything before the root element: the only place a DOCTYPE may stand (so HTML in CDATA is no alarm). */
  private static String prolog(String xml) {
    Matcher m = ROOT_START.matcher(xml);
    return m.find() ? xml.substring(0, m.start()) : xml;
  }

  private static Optional<URI> link(URI base, SyndEntry entry) {
    for (String candidate : new String[] {entry.getLink(), entry.getUri()}) {
      Optional<URI> uri = resolve(base, candidate);
      if (uri.isPresent()) {
        return uri;
      }
    }
    return Optional.empty();
  }

  private static Optional<URI> resolve(URI base, String link) {
    if (link == null || link.isBlank()) {
      return Optional.empty();
    }
    String trimmed = link.trim().replace(" ", "%20");
    try {
      URI uri = base.resolve(new URI(trimmed));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(uri);
      }
      return Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      // A guid such as "tag:site,2024:123" or garbage is not a link; the next candidate is tried.
      return Optional.empty();
    }
  }

  private static String description(SyndEntry entry) {
    SyndContent content = entry.getDescription();
    if (content == null && !entry.getContents().isEmpty()) {
      content = entry.getContents().get(0);
    }
    if (content == null || content.getValue() == null) {
      return null;
    }
    return clean(Jsoup.parse(content.getValue()).text());
  }

  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.replace('\u00A0', ' ').replaceAll("\\s+", " ").trim();
    return t.isEmpty() ? null : t;
  }

  private static Instant instant(java.util.Date date) {
    return date == null ? null : date.toInstant();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return msg.replaceAll("\\s+", " ").trim();
  }
}
