package dev.wirewatch.ingest.internal.extract;

import dev.wirewatch.ingest.IngestException;
import dev.wirewatch.ingest.internal.fetch.Charsets;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes an HTML page: the charset of the HTTP Content-Type header, else the page's own meta declaration,
 * else a byte-order mark, else UTF-8 when the bytes are valid UTF-8, else windows-1252. GBK and GB2312 are
 * decoded as GB18030.
 */
public final class PageDecoder {

  private static final Pattern META_CHARSET = Pattern.compile(
      "(?i)<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:\\-]+)");
  private static final int META_SCAN_BYTES = 4096;

  private PageDecoder() {
  }

  /**
   * Decodes {@code page}.
   *
   * @throws IngestException when the Content-Type says the page is not HTML
   */
  public static DecodedPage decode(byte[] page, String contentType) {
    if (contentType != null) {
      String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (!mime.isEmpty() && !mime.contains("html") && !mime.startsWith("text/") && !mime.contains("xml")) {
        throw new IngestException("not an HTML page: Content-Type " + mime);
      }
    }
    Optional<String> declared = Charsets.fromContentType(contentType)
        .filter(name -> Charsets.lookup(name).isPresent());
    if (declared.isEmpty()) {
      String head = new String(page, 0, Math.min(page.length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
      Matcher m = META_CHARSET.matcher(head);
      if (m.find() && Charsets.lookup(m.group(1)).isPresent()) {
        declared = Optional.of(m.group(1));
      }
    }
    Optional<Charset> bom = Charsets.fromBom(page);
    if (bom.isPresent()) {
      return new DecodedPage(Charsets.decodeLenient(page, bom.get()), declared.orElse(bom.get().name()));
    }
    if (declared.isPresent()) {
      Charset charset = Charsets.lookup(declared.get()).orElseThrow();
      return new DecodedPage(Charsets.decodeLenient(page, charset), declared.get().toLowerCase(Locale.ROOT));
    }
    String text = Charsets.decodeStrict(page, StandardCharsets.UTF_8)
        .orElseGet(() -> Charsets.decodeLenient(page, Charset.forName("windows-1252")));
    return new DecodedPage(text, null);
  }
}
