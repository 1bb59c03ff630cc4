package dev.wirewatch.ingest.internal.poll;

import dev.wirewatch.ingest.ArticleIds;
import dev.wirewatch.ingest.BackfillResult;
import dev.wirewatch.ingest.ExtractedArticle;
import dev.wirewatch.ingest.FeedSource;
import dev.wirewatch.ingest.IngestException;
import dev.wirewatch.ingest.IngestSettings;
import dev.wirewatch.ingest.internal.extract.PageExtraction;
import dev.wirewatch.ingest.internal.feed.DocumentSniffer;
import dev.wirewatch.ingest.internal.feed.FeedItem;
import dev.wirewatch.ingest.internal.feed.FeedParser;
import dev.wirewatch.ingest.internal.feed.ParsedFeed;
import dev.wirewatch.ingest.internal.fetch.FetchException;
import dev.wirewatch.ingest.internal.fetch.FetchResult;
import dev.wirewatch.ingest.internal.fetch.HostPolicy;
import dev.wirewatch.ingest.internal.fetch.HttpFetcher;
import dev.wirewatch.ingest.internal.list.ArticleLinks;
import dev.wirewatch.ingest.internal.list.DataSourceReader;
import dev.wirewatch.ingest.internal.list.ListPage;
import dev.wirewatch.ingest.internal.list.ListPageReader;
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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one source: fetches it (conditionally), reads it as an RSS/Atom feed or as an HTML list page (whose JSON
 * data source, when it names one, is fetched conditionally too), fetches the pages of new items and of known items
 * the source shows as changed, extracts them and hands new or changed articles and one status record to the
 * {@link PollOutput}. Plain Java, no Kafka. Every failure becomes part of the status; nothing is thrown for
 * bad sources or pages.
 *
 * <p>A known article's page is fetched again when the source's entry for it changed since this process last saw
 * it (title, description or dates), or, the first time this process sees it, when the source dates it later than
 * the archived fetch. An unchanged page produces nothing. Items published longer ago than
 * {@link IngestSettings#maxItemAge()} are not fetched; they are counted as too old.
 */
public final class FeedPoller {

  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  private static final String SOURCE_ACCEPT = "application/rss+xml, application/atom+xml, "
      + "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5";
  private static final String JSON_ACCEPT = "application/json, text/javascript;q=0.9, */*;q=0.5";
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

  private enum Result { NEW, CHANGED, UNCHANGED }

  /**
   * One article page to fetch.
   *
   * @param feedUrl the source that listed it, or null (backfill)
   * @param force fetch it even when it is archived and the source shows no change (backfill)
   */
  private record Target(URI link, String fingerprint, Instant latestDate, String feedUrl, String profile,
      boolean checkRobots, boolean force) {
  }

  /** Polls the source once and reports the result; the state's schedule is updated. */
  public FeedOutcome poll(FeedState state) throws InterruptedException {
    synchronized (state) {
      return pollLocked(state);
    }
  }

  private FeedOutcome pollLocked(FeedState state) throws InterruptedException {
    URI feedUrl = state.source().url();
    PollTally poll = new PollTally(clock.instant());
    Duration retryAfter = null;
    try {
      FetchResult answer = fetcher.fetch(new HttpFetcher.Request(feedUrl, SOURCE_ACCEPT, settings.maxFeedBytes(),
          state.etag(), state.lastModified()));
      poll.httpStatus = answer.status();
      retryAfter = answer.retryAfter();
      if (answer.notModified()) {
        if (state.kindSeen() == FeedSource.Kind.LIST && state.dataSource() != null) {
          // An unchanged page names the same data source, whose items may still have changed.
          readDataSource(state, poll);
        }
        poll.ok = true;
      } else if (!answer.ok()) {
        poll.error = "HTTP " + answer.status() + " from " + feedUrl
            + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)");
      } else {
        readAnswer(state, answer, poll);
        // Validators are kept only once the body was handled, so a failed read is fetched again in full.
        state.validators(answer.etag(), answer.lastModified());
        poll.ok = true;
      }
    } catch (FetchException e) {
      poll.error = e.getMessage();
      retryAfter = e.retryAfter();
    } catch (IngestException e) {
      poll.error = e.getMessage();
    } catch (RuntimeException e) {
      // A bug must not stop the other feeds; it is reported like any other failure.
      LOG.error("Unexpected failure polling feed {}", feedUrl, e);
      poll.error = "internal error: " + e;
    }
    return finish(state, poll, retryAfter);
  }

  private void readAnswer(FeedState state, FetchResult answer, PollTally poll) throws InterruptedException {
    FeedSource source = state.source();
    FeedSource.Kind kind = source.kind() != null ? source.kind()
        : DocumentSniffer.isHtml(answer.body(), answer.contentType()) ? FeedSource.Kind.LIST : FeedSource.Kind.FEED;
    if (kind == FeedSource.Kind.FEED) {
      ParsedFeed feed = FeedParser.parse(answer.url(), answer.body(), answer.contentType());
      state.kindSeen(kind);
      state.dataSource(null);
      if (answer.truncated() || feed.cut()) {
        poll.note((answer.truncated() ? "feed larger than maxFeedBytes (" + settings.maxFeedBytes() + " bytes)"
            : "feed cut off") + ": the " + feed.items().size() + " complete items before the cut were read");
      }
      handleItems(state, feed.items(), poll);
      return;
    }
    if (answer.truncated()) {
      throw new IngestException("list page larger than maxFeedBytes (" + settings.maxFeedBytes() + " bytes): "
          + answer.url());
    }
    ListPage page = ListPageReader.read(answer.url(), answer.body(), answer.contentType(), links(source));
    state.kindSeen(kind);
    state.dataSource(page.dataSource());
    if (page.dataSource() == null) {
      handleItems(state, page.items(), poll);
    } else {
      readDataSource(state, poll);
    }
  }

  /** Fetches the list's data source conditionally and handles its items; a 304 means nothing changed. */
  private void readDataSource(FeedState state, PollTally poll) throws InterruptedException {
    URI url = state.dataSource();
    FetchResult json = fetcher.fetch(new HttpFetcher.Request(url, JSON_ACCEPT, settings.maxFeedBytes(),
        state.dataSourceEtag(), state.dataSourceLastModified()));
    if (json.notModified()) {
      return;
    }
    if (!json.ok()) {
      throw new IngestException("HTTP " + json.status() + " from data source " + url);
    }
    if (json.truncated()) {
      throw new IngestException("data source larger than maxFeedBytes (" + settings.maxFeedBytes() + " bytes): " + url);
    }
    handleItems(state, DataSourceReader.read(json.url(), json.body(), links(state.source())), poll);
    state.dataSourceValidators(json.etag(), json.lastModified());
  }

  private static ArticleLinks links(FeedSource source) {
    return ArticleLinks.forSource(source.source(), source.linkPattern()).orElse(null);
  }

  private void handleItems(FeedState state, List<FeedItem> items, PollTally poll) throws InterruptedException {
    for (FeedItem item : items) {
      policy.allowLinkedHost(item.link().getHost());
    }
    Instant cutoff = settings.maxItemAge().isZero() ? null : poll.started.minus(settings.maxItemAge());
    String feedUrl = state.source().url().toString();
    for (FeedItem item : items) {
      poll.itemsSeen++;
      Instant date = item.latestDate();
      state.sawItem(date);
      if (cutoff != null && date != null && date.isBefore(cutoff)) {
        poll.tooOld++;
        continue;
      }
      Target target = new Target(item.link(), item.fingerprint(), date, feedUrl, state.source().source(),
          !state.source().ignoreRobots(), false);
      try {
        switch (handle(target)) {
          case NEW -> poll.created++;
          case CHANGED -> poll.changed++;
          default -> { }
        }
      } catch (IngestException | IllegalArgumentException e) {
        poll.articleFailed(e);
        LOG.warn("Article {} from feed {} failed: {}", item.link(), feedUrl, e.getMessage());
      }
    }
  }

  private FeedOutcome finish(FeedState state, PollTally poll, Duration retryAfter) {
    URI feedUrl = state.source().url();
    Instant finished = clock.instant();
    SourceHealth before = state.health();
    SourceHealth health = state.assess(finished, poll.ok, poll.httpStatus,
        poll.itemsSeen > 0 && poll.tooOld == poll.itemsSeen, settings.staleAfter());
    if (poll.ok) {
      // Only produced articles count as a change: a page that keeps failing must not hold the feed at full rate.
      state.succeeded(finished, poll.created + poll.changed > 0);
    } else if (health == SourceHealth.GONE) {
      state.gone(finished);
    } else {
      state.failed(finished, retryAfter);
    }
    if (health != before) {
      // Once per change, not once per poll: the status record carries the state every time.
      String was = before == null ? "unknown" : before.label();
      if (health == SourceHealth.OK) {
        LOG.info("Source {} is now {} (was {})", feedUrl, health.label(), was);
      } else {
        LOG.warn("Source {} is now {} (was {}){}", feedUrl, health.label(), was,
            poll.error == null ? "" : ": " + poll.error);
      }
    }
    boolean allOk = poll.ok && poll.failed == 0 && poll.note == null;
    // The validators the next poll will send (unchanged after a 304 or a failure): the service restores them
    // from this record after a restart.
    FeedStatus record = FeedStatus.newBuilder()
        .setFeedUrl(feedUrl.toString())
        .setSource(state.source().source())
        .setPolledAt(poll.started.toEpochMilli())
        .setHttpStatus(poll.httpStatus)
        .setEtag(state.etag())
        .setLastModified(state.lastModified())
        .setOk(allOk)
        .setError(poll.error())
        .setItemsSeen(poll.itemsSeen)
        .setItemsNew(poll.created)
        .setItemsChanged(poll.changed)
        .setItemsTooOld(poll.tooOld)
        .setDurationMs(Duration.between(poll.started, finished).toMillis())
        .setNextPollAt(state.nextPollAt().toEpochMilli())
        .setKind(state.kindSeen() == null ? null : state.kindSeen().label())
        .setState(health.label())
        .setNewestItemAt(state.newestItemAt() == null ? null : state.newestItemAt().toEpochMilli())
        .setFailingSince(state.failingSince() == null ? null : state.failingSince().toEpochMilli())
        .build();
    if (allOk) {
      LOG.info("Polled feed {}: HTTP {}, {} items ({} too old), {} new, {} changed, {}, next poll at {}", feedUrl,
          record.getHttpStatus(), poll.itemsSeen, poll.tooOld, poll.created, poll.changed, health.label(),
          state.nextPollAt());
    } else {
      LOG.warn("Polled feed {}: {}; next poll at {}", feedUrl, record.getError(), state.nextPollAt());
    }
    output.status(feedUrl.toString(), record);
    return new FeedOutcome(poll.ok, poll.itemsSeen, poll.created, poll.changed, poll.failed);
  }

  /**
   * Archives one named article page, whatever its age, with the same fetcher, profiles, robots rules and dedupe
   * as polling: an archived page whose content is unchanged produces nothing.
   *
   * @param profile the site profile, or null to choose it by the URL's host
   */
  public BackfillResult backfill(URI url, String profile) throws InterruptedException {
    String articleId;
    try {
      articleId = ArticleIds.articleId(url.toString());
    } catch (IllegalArgumentException e) {
      return new BackfillResult(url, null, BackfillResult.Outcome.FAILED, e.getMessage());
    }
    Target target = new Target(url, "backfill", null, null, profile, true, true);
    try {
      return switch (handle(target)) {
        case NEW -> new BackfillResult(url, articleId, BackfillResult.Outcome.NEW, null);
        case CHANGED -> new BackfillResult(url, articleId, BackfillResult.Outcome.CHANGED, null);
        case UNCHANGED -> new BackfillResult(url, articleId, BackfillResult.Outcome.UNCHANGED, null);
      };
    } catch (IngestException | IllegalArgumentException e) {
      return new BackfillResult(url, articleId, BackfillResult.Outcome.FAILED, e.getMessage());
    }
  }

  private Result handle(Target target) throws InterruptedException {
    String articleId = ArticleIds.articleId(target.link().toString());
    SeenArticles.Entry known = seen.get(articleId).orElse(null);
    if (known != null && !target.force() && !sourceShowsChange(target, articleId, known)) {
      seen.observed(target.feedUrl(), articleId, target.fingerprint());
      return Result.UNCHANGED;
    }
    if (!seen.claim(articleId)) {
      // Another source lists the same article and is fetching it right now.
      return Result.UNCHANGED;
    }
    try {
      return fetchArticle(target, articleId);
    } finally {
      seen.release(articleId);
    }
  }

  private boolean sourceShowsChange(Target target, String articleId, SeenArticles.Entry known) {
    String last = seen.fingerprint(target.feedUrl(), articleId);
    if (last != null) {
      return !last.equals(target.fingerprint());
    }
    Instant latest = target.latestDate();
    return latest != null && latest.toEpochMilli() > known.fetchedAtMs();
  }

  private Result fetchArticle(Target target, String articleId) throws InterruptedException {
    // Re-read under the claim: another source may have produced it since the first look.
    SeenArticles.Entry known = seen.get(articleId).orElse(null);
    if (known != null && !target.force() && !sourceShowsChange(target, articleId, known)) {
      seen.observed(target.feedUrl(), articleId, target.fingerprint());
      return Result.UNCHANGED;
    }
    URI link = target.link();
    long fetchedAt = clock.millis();
    FetchResult page = fetcher.fetch(new HttpFetcher.Request(link, PAGE_ACCEPT, settings.maxPageBytes(),
        null, null, target.checkRobots()));
    if (!page.ok()) {
      throw new IngestException("HTTP " + page.status() + " for article " + link);
    }
    PageExtraction.Result extracted = PageExtraction.extract(link, page.body(), page.contentType(), target.profile());
    ExtractedArticle a = extracted.article();
    String hash = contentHash(a.title(), a.text());
    if (known != null && known.contentHash().equals(hash)) {
      seen.archived(articleId, hash, fetchedAt);
      seen.observed(target.feedUrl(), articleId, target.fingerprint());
      return Result.UNCHANGED;
    }
    if (page.truncated()) {
      LOG.warn("Article {} exceeded maxPageBytes ({} bytes); produced truncated", link, settings.maxPageBytes());
    }
    RawArticle record = RawArticle.newBuilder()
        .setArticleId(articleId)
        .setSource(a.source())
        .setUrl(a.url())
        .setFeedUrl(target.feedUrl())
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
    ArchiveFit.Fitted fitted = ArchiveFit.fit(record, ArchiveFit.LIMIT);
    // Whatever happens below, this content has had its one try: it is not fetched again on every poll.
    seen.archived(articleId, hash, fetchedAt);
    seen.observed(target.feedUrl(), articleId, target.fingerprint());
    String tooLarge = "the record (" + fitted.encodedBytes() + " bytes) exceeds the largest message of the archive ("
        + ArchiveFit.LIMIT + " bytes)";
    try {
      if (fitted.outcome() == ArchiveFit.Outcome.TOO_LARGE) {
        output.deadLetter(articleId, fitted.record(), "article " + a.url() + " not archived: " + tooLarge
            + ", even without its page");
        throw new IngestException("article " + a.url() + " sent to the dead-letter queue: " + tooLarge
            + ", even without its page");
      }
      output.article(articleId, fitted.record());
    } catch (RuntimeException e) {
      if (e instanceof IngestException) {
        throw e;
      }
      seen.produceFailed(articleId, hash);
      throw new IngestException("cannot produce article " + a.url() + ": " + e.getMessage(), e);
    }
    if (fitted.outcome() == ArchiveFit.Outcome.WITHOUT_PAGE) {
      throw new IngestException("article " + a.url() + " archived without its page: " + tooLarge);
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
