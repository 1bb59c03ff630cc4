package dev.wirewatch.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Canonical article URLs and the articleId derived from them. The same article seen in two feeds, or polled
 * twice with different tracking parameters, gets one id.
 */
public final class ArticleIds {

  /** Query parameters that only track the reader and never select content. */
  private static final Set<String> TRACKING_PARAMS = Set.of(
      "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "spm", "from",
      "_ga", "_gl", "ref", "ref_src", "isappinstalled");

  private ArticleIds() {
  }

  /**
   * The canonical form of an http(s) URL: scheme and host lower-cased, default port, fragment and tracking
   * parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, {@code spm}, {@code from}, ...) dropped, the
   * remaining query parameters sorted, an empty path written as {@code /}.
   *
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
   */
  public static String canonicalUrl(String url) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URL: " + url, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("url must be an absolute http(s) URL with a host: " + url);
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();

    StringBuilder out = new StringBuilder(scheme).append("://").append(host);
    if (!defaultPort) {
      out.append(':').append(port);
    }
    out.append(path);
    String query = canonicalQuery(uri.getRawQuery());
    if (!query.isEmpty()) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  /**
   * The articleId of a URL: the first 32 hex digits (128 bits) of the SHA-256 of its {@linkplain
   * #canonicalUrl(String) canonical form}.
   *
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
   */
  public static String articleId(String url) {
    return HexFormat.of().formatHex(sha256(canonicalUrl(url))).substring(0, 32);
  }

  /** Hex SHA-256 of a string's UTF-8 bytes. */
  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (name.startsWith("utm_") || TRACKING_PARAMS.contains(name)) {
        continue;
      }
      kept.add(pair);
    }
    // Sorting whole "name=value" strings keeps repeated parameters in a stable order too.
    kept.sort(null);
    return String.join("&", kept);
  }
}
