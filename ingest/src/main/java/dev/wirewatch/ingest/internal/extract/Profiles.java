package dev.wirewatch.ingest.internal.extract;

import java.net.URI;
import java.util.Locale;

/** Chooses the site profile for a page: by the feed's source first, else by the article URL's host. */
public final class Profiles {

  private static final SiteProfile XINHUA = new XinhuaProfile();
  private static final SiteProfile ECNS = new EcnsProfile();
  private static final SiteProfile GENERIC = new GenericProfile();

  private Profiles() {
  }

  /** Every profile, wire profiles first. */
  public static java.util.List<SiteProfile> all() {
    return java.util.List.of(XINHUA, ECNS, GENERIC);
  }

  public static SiteProfile choose(String sourceHint, URI url) {
    String hint = sourceHint == null ? "" : sourceHint.trim().toLowerCase(Locale.ROOT);
    if (hint.equals("xinhua")) {
      return XINHUA;
    }
    if (hint.equals("ecns")) {
      return ECNS;
    }
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    if (isOrUnder(host, "news.cn") || isOrUnder(host, "xinhuanet.com")) {
      return XINHUA;
    }
    if (isOrUnder(host, "ecns.cn")) {
      return ECNS;
    }
    return GENERIC;
  }

  private static boolean isOrUnder(String host, String domain) {
    return host.equals(domain) || host.endsWith("." + domain);
  }
}
