package dev.wirewatch.ingest.internal.list;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which links of a list page are articles. Xinhua: {@code /YYYYMMDD/<32 hex>/c.html}, optionally after a section
 * folder ({@code /world/20250614/<hex>/c.html}), on a news.cn or xinhuanet.com host. ECNS:
 * {@code /news/<section>/YYYY-MM-DD/detail-<id>.shtml} on an ecns.cn host. A wire's article on the list page's own
 * host counts too (a mirror, or a test server). Any other site: the source's own {@code linkPattern}, searched in
 * the absolute URL.
 */
public final class ArticleLinks {

  private static final Pattern XINHUA_PATH =
      Pattern.compile("^/(?:[A-Za-z0-9_-]+/){0,2}20\\d{6}/[0-9a-f]{32}/c\\.html?$");
  private static final Pattern ECNS_PATH =
      Pattern.compile("^/news/[A-Za-z0-9_-]+/20\\d{2}-\\d{2}-\\d{2}/detail-[A-Za-z0-9]+\\.shtml$");

  private final Pattern path;
  private final String[] domains;
  private final Pattern anywhere;

  private ArticleLinks(Pattern path, String[] domains, Pattern anywhere) {
    this.path = path;
    this.domains = domains;
    this.anywhere = anywhere;
  }

  /**
   * The article links of a source: its own pattern when it has one, else its profile's; empty when neither
   * exists (a generic list page without a {@code linkPattern}).
   */
  public static Optional<ArticleLinks> forSource(String profile, Pattern linkPattern) {
    if (linkPattern != null) {
      return Optional.of(new ArticleLinks(null, new String[0], linkPattern));
    }
    return switch (profile == null ? "" : profile) {
      case "xinhua" -> Optional.of(new ArticleLinks(XINHUA_PATH, new String[] {"news.cn", "xinhuanet.com"}, null));
      case "ecns" -> Optional.of(new ArticleLinks(ECNS_PATH, new String[] {"ecns.cn"}, null));
      default -> Optional.empty();
    };
  }

  /** True when {@code link}, found on {@code listPage}, is an article. */
  public boolean matches(URI link, URI listPage) {
    if (anywhere != null) {
      return anywhere.matcher(link.toString()).find();
    }
    String host = host(link);
    boolean hostOk = host.equals(host(listPage));
    for (String domain : domains) {
      hostOk |= host.equals(domain) || host.endsWith("." + domain);
    }
    return hostOk && link.getRawPath() != null && path.matcher(link.getRawPath()).matches();
  }

  private static String host(URI uri) {
    return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
  }
}
