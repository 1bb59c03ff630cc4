package dev.wirewatch.ingest.internal.poll;

import dev.wirewatch.ingest.ArticleIds;
import dev.wirewatch.ingest.ExtractedArticle;
import dev.wirewatch.ingest.IngestException;
import dev.wirewatch.ingest.IngestSettings;
import dev.wirewatch.ingest.internal.extract.PageExtraction;
import dev.wirewatch.ingest.internal.feed.FeedItem;
import dev.wirewatch.ingest.internal.feed.FeedParser;
import dev.wirewatch.ingest.internal.feed.ParsedFeed;
import dev.wirewatch.ingest.internal.fetch.FetchException;
import dev.wirewatch.ingest.internal.fetch.FetchResult;
import dev.wirewatch.ingest.internal.fetch.HostPolicy;
import dev.wirewatch.ingest.internal.fetch.HttpFetcher;
import dev.wirewatch.schema.FeedStatus;
import dev.wirewatch.schema.RawArticle;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one feed: fetches it (conditionally), parses it, fetches the pages of new items and of known items
 * the feed shows as changed, extracts them and hands new or changed articles and one status record to the
 * {@link PollOutput}. Plain Java, no Kafka. Every failure becomes part of the status; nothing is thrown for
 * bad feeds or pages.
 *
 * <p>A known article's page is fetched again when the feed's entry for it changed since this process last saw
 * it (title, description or dates), or, the first time this process sees it, when the feed dates it later than
 * the archived fetch. An unchanged page produces nothing.
 */
public final class FeedPoller {

  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  private static final String FEED_ACCEPT =
      "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
  private static final String PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

  private final IngestSettings settings;
  private final HttpFetcher fetcher;
  private final HostPolicy policy;
  private final SeenArticles seen;
  private final PollOutput output;
  private final Clock clock;

  public FeedPoller(IngestSettings settings, HttpFetcher fetcher, HostPolicy policy, SeenArticles seen,
      PollOutput output, Clock clock) {
    this.settings = settings;
    this.fetcher = fetcher;
    this.policy = policy;
    this.seen = seen;
    this.output = output;
    this.clock = clock;
  }

  private enum Result { NEW, CHANGED, UNCHANGED, FAILED }

  /** Polls the feed once and reports the result; the state's schedule is updated. */
  public FeedOutcome poll(FeedState state) throws InterruptedException {
    synchronized (state) {
      return pollLocked(state);
    }
  }

  private FeedOutcome pollLocked(FeedState state) throws InterruptedException {
    URI feedUrl = state.source().url();
    Instant started = clock.instant();
    FeedStatus.Builder status = FeedStatus.newBuilder()
        .setFeedUrl(feedUrl.toString())
        .setSource(state.source().source())
        .setPolledAt(started.toEpochMilli())
        .setOk(false);
    int seenItems = 0;
    int created = 0;
    int changed = 0;
    int failed = 0;
    int disallowed = 0;
    String firstFailure = null;
    boolean ok = false;
    Duration retryAfter = null;
    try {
      FetchResult answer = fetcher.fetch(new HttpFetcher.Request(feedUrl, FEED_ACCEPT, settings.maxFeedBytes(),
          state.etag(), state.lastModified()));
      status.setHttpStatus(answer.status());
      retryAfter = answer.retryAfter();
      if (answer.notModified()) {
        ok = true;
      } else if (!answer.ok()) {
        status.setError("HTTP " + answer.status() + " from feed " + feedUrl
            + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)"));
      } else if (answer.truncated()) {
        status.setError("feed larger than maxFeedBytes (" + settings.maxFeedBytes() + " bytes): " + feedUrl);
      } else {
        ParsedFeed feed = FeedParser.parse(answer.url(), answer.body(), answer.contentType());
        for (FeedItem item : feed.items()) {
          policy.allowLinkedHost(item.link().getHost());
        }
        for (FeedItem item : feed.items()) {
          seenItems++;
          try {
            switch (handle(state, item)) {
              case NEW -> created++;
              case CHANGED -> changed++;
              default -> { }
            }
          } catch (IngestException | IllegalArgumentException e) {
            failed++;
            if (e instanceof FetchException f && f.disallowedByRobots()) {
              disallowed++;
            }
            LOG.warn("Article {} from feed {} failed: {}", item.link(), feedUrl, e.getMessage());
            if (firstFailure == null) {
              firstFailure = e.getMessage();
            }
          }
        }
        // Validators are kept only once the body was handled, so a failed parse is fetched again in full.
        state.validators(answer.etag(), answer.lastModified());
        ok = true;
        if (failed > 0) {
          status.setError(failed + " of " + seenItems + " article pages failed"
              + (disallowed == 0 ? "" : " (" + disallowed + " disallowed by robots.txt, not fetched)")
              + "; first: " + firstFailure);
        }
      }
    } catch (FetchException e) {
      status.setError(e.getMessage());
      retryAfter = e.retryAfter();
    } catch (IngestException e) {
      status.setError(e.getMessage());
    } catch (RuntimeException e) {
      // A bug must not stop the other feeds; it is reported like any other failure.
      LOG.error("Unexpected failure polling feed {}", feedUrl, e);
      status.setError("internal error: " + e);
    }
    Instant finished = clock.instant();
    if (ok) {
      // Only produced articles count as a change: a page that keeps failing must not hold the feed at full rate.
      state.succeeded(finished, created + changed > 0);
    } else {
      state.failed(finished, retryAfter);
    }
    boolean allOk = ok && failed == 0;
    // The validators the next poll will send (unchanged after a 304 or a failure): the service restores them
    // from this record after a restart.
    FeedStatus record = status
        .setEtag(state.etag())
        .setLastModified(state.lastModified())
        .setOk(allOk)
        .setItemsSeen(seenItems)
        .setItemsNew(created)
        .setItemsChanged(changed)
        .setDurationMs(Duration.between(started, finished).toMillis())
        .setNextPollAt(state.nextPollAt().toEpochMilli())
        .build();
    if (allOk) {
      LOG.info("Polled feed {}: HTTP {}, {} items, {} new, {} changed, next poll at {}", feedUrl,
          record.getHttpStatus(), seenItems, created, changed, state.nextPollAt());
    } else {
      LOG.warn("Polled feed {}: {}; next poll at {}", feedUrl, record.getError(), state.nextPollAt());
    }
    output.status(feedUrl.toString(), record);
    return new FeedOutcome(ok, seenItems, created, changed, failed);
  }

  private Result handle(FeedState state, FeedItem item) throws InterruptedException {
    String articleId = ArticleIds.articleId(item.link().toString());
    String fingerprint = item.fingerprint();
    SeenArticles.Entry known = seen.get(articleId).orElse(null);
    String feedUrl = state.source().url().toString();
    if (known != null && !feedShowsChange(feedUrl, articleId, fingerprint, item, known)) {
      seen.observed(feedUrl, articleId, fingerprint);
      return Result.UNCHANGED;
    }
    if (!seen.claim(articleId)) {
      // Another feed lists the same article and is fetching it right now.
      return Result.UNCHANGED;
    }
    try {
      return fetchArticle(state, item, articleId, fingerprint);
    } finally {
      seen.release(articleId);
    }
  }

  private boolean feedShowsChange(String feedUrl, String articleId, String fingerprint, FeedItem item,
      SeenArticles.Entry known) {
    String last = seen.fingerprint(feedUrl, articleId);
    if (last != null) {
      return !last.equals(fingerprint);
    }
    Instant latest = item.latestDate();
    return latest != null && latest.toEpochMilli() > known.fetchedAtMs();
  }

  private Result fetchArticle(FeedState state, FeedItem item, String articleId, String fingerprint)
      throws InterruptedException {
    // Re-read under the claim: another feed may have produced it since the first look.
    String feedUrl = state.source().url().toString();
    SeenArticles.Entry known = seen.get(articleId).orElse(null);
    if (known != null && !feedShowsChange(feedUrl, articleId, fingerprint, item, known)) {
      seen.observed(feedUrl, articleId, fingerprint);
      return Result.UNCHANGED;
    }
    long fetchedAt = clock.millis();
    FetchResult page = fetcher.fetch(new HttpFetcher.Request(item.link(), PAGE_ACCEPT, settings.maxPageBytes(),
        null, null, !state.source().ignoreRobots()));
    if (!page.ok()) {
      throw new IngestException("HTTP " + page.status() + " for article " + item.link());
    }
    PageExtraction.Result extracted = PageExtraction.extract(item.link(), page.body(), page.contentType(),
        state.source().source());
    ExtractedArticle a = extracted.article();
    String hash = contentHash(a.title(), a.text());
    if (known != null && known.contentHash().equals(hash)) {
      seen.archived(articleId, hash, fetchedAt);
      seen.observed(feedUrl, articleId, fingerprint);
      return Result.UNCHANGED;
    }
    if (page.truncated()) {
      LOG.warn("Article {} exceeded maxPageBytes ({} bytes); produced truncated", item.link(), settings.maxPageBytes());
    }
    RawArticle record = RawArticle.newBuilder()
        .setArticleId(articleId)
        .setSource(a.source())
        .setUrl(a.url())
        .setFeedUrl(state.source().url().toString())
        .setTitle(a.title())
        .setPublishedAt(a.publishedAt())
        .setDateline(a.dateline())
        .setLanguage(a.language())
        .setText(a.text())
        .setExtractorVersion(a.extractorVersion())
        .setFetchedAt(fetchedAt)
        .setContentHash(hash)
        .setTruncated(page.truncated())
        .setPage(settings.archivePages() ? ByteBuffer.wrap(page.body()) : null)
        .setPageCharset(settings.archivePages() ? extracted.declaredCharset() : null)
        .setClassifierVersion(null)
        .build();
    seen.archived(articleId, hash, fetchedAt);
    seen.observed(feedUrl, articleId, fingerprint);
    try {
      output.article(articleId, record);
    } catch (RuntimeException e) {
      seen.produceFailed(articleId, hash);
      throw new IngestException("cannot produce article " + a.url() + ": " + e.getMessage(), e);
    }
    return known == null ? Result.NEW : Result.CHANGED;
  }

  /** SHA-256 (hex) of the title, a newline and the text: a change means an updated article. */
  public static String contentHash(String title, String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((title == null ? "" : title).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
