package dev.wirewatch.ingest.internal.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP GET with the fetcher's rules: host policy checked on every hop, robots.txt checked on every hop of a
 * request that asks for it (see {@link RobotsCache} for how answers are read and kept; Crawl-delay raises the
 * host's delay, up to {@link RobotsCache#MAX_CRAWL_DELAY}), bounded redirects, per-host politeness, conditional
 * requests, gzip/deflate decoding, a size cap that never truncates silently, and a deadline for the whole
 * answer.
 */
public final class HttpFetcher {

  private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);
  private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
  /** The configuration keys of the two limits, as the user wrote them. */
  private static final String CONNECT_TIMEOUT_KEY = "ingest.connect.timeout";
  private static final String READ_TIMEOUT_KEY = "ingest.read.timeout";

  private final HttpClient client;
  private final HostPolicy policy;
  private final HostGate gate;
  private final String userAgent;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxRedirects;
  private final Clock clock;
  private final RobotsCache robots;
  private final String productToken;

  public HttpFetcher(HostPolicy policy, String userAgent, Duration connectTimeout, Duration readTimeout,
      Duration perHostDelay, int maxRedirects, Clock clock) {
    this.policy = policy;
    this.userAgent = userAgent;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.maxRedirects = maxRedirects;
    this.clock = clock;
    this.gate = new HostGate(perHostDelay, clock);
    this.productToken = RobotsCache.productToken(userAgent);
    this.robots = new RobotsCache(productToken, clock, robotsUrl -> fetch(
        new Request(robotsUrl, "text/plain, */*;q=0.5", RobotsCache.MAX_BYTES, null, null, false)));
    // Redirects are followed here, not by the client, so that every hop meets the host policy.
    this.client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /**
   * What to fetch.
   *
   * @param checkRobots obey the host's robots.txt on every hop (article pages); feeds, which the user
   *     subscribed to, and robots.txt itself are fetched without
   */
  public record Request(URI url, String accept, int maxBytes, String etag, String lastModified,
      boolean checkRobots) {

    /** A request that does not consult robots.txt. */
    public Request(URI url, String accept, int maxBytes, String etag, String lastModified) {
      this(url, accept, maxBytes, etag, lastModified, false);
    }
  }

  /**
   * Fetches one URL.
   *
   * @throws FetchException when the policy refuses a hop, the redirect limit is hit, or no answer arrives
   * @throws InterruptedException when the calling thread is interrupted
   */
  @SuppressWarnings("try") // the permit is held for the duration of the request, never read
  public FetchResult fetch(Request request) throws InterruptedException {
    URI url = request.url();
    for (int hop = 0; ; hop++) {
      policy.check(url);
      if (request.checkRobots()) {
        checkRobots(url);
      }
      java.time.Instant paused = gate.pausedUntil(url);
      if (paused != null) {
        throw FetchException.hostPaused("host " + url.getHost() + " asked to be left alone until " + paused
            + " (Retry-After); not requesting " + url, Duration.between(clock.instant(), paused));
      }
      Hop answer;
      try (HostGate.Permit permit = gate.acquire(url)) {
        answer = once(url, request, hop == 0);
      }
      if (answer.location() != null) {
        if (hop >= maxRedirects) {
          throw FetchException.failed("too many redirects (more than " + maxRedirects + ") from " + request.url(), null);
        }
        URI next;
        try {
          next = url.resolve(new URI(answer.location().trim().replace(" ", "%20")));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
          throw FetchException.failed("bad redirect location from " + url + ": " + answer.location(), e);
        }
        LOG.debug("Redirect {} -> {}", url, next);
        url = next;
        continue;
      }
      return answer.result();
    }
  }

  /**
   * @throws FetchException (disallowed by robots) when the origin's robots.txt disallows {@code url}
   */
  private void checkRobots(URI url) throws InterruptedException {
    RobotsCache.Verdict verdict = robots.verdict(url);
    Duration crawlDelay = verdict.rules().crawlDelay();
    if (crawlDelay != null) {
      gate.minimumDelay(url, crawlDelay.compareTo(RobotsCache.MAX_CRAWL_DELAY) > 0
          ? RobotsCache.MAX_CRAWL_DELAY : crawlDelay);
    }
    if (!verdict.rules().allowed(url)) {
      throw FetchException.disallowed("disallowed by robots.txt: " + url + " (" + verdict.origin()
          + " of " + RobotsCache.origin(url) + ", user agent " + productToken + ")");
    }
  }

  /** One hop: a final result, or the Location of a redirect. */
  private record Hop(FetchResult result, String location) {
  }

  private Hop once(URI url, Request request, boolean conditional) throws InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(url)
        .GET()
        .timeout(readTimeout)
        .header("User-Agent", userAgent)
        .header("Accept", request.accept())
        .header("Accept-Encoding", "gzip, deflate");
    if (conditional && request.etag() != null) {
      builder.header("If-None-Match", request.etag());
    }
    if (conditional && request.lastModified() != null) {
      builder.header("If-Modified-Since", request.lastModified());
    }
    CompletableFuture<HttpResponse<LimitedBody>> future =
        client.sendAsync(builder.build(), info -> new LimitedBodySubscriber(request.maxBytes()));
    HttpResponse<LimitedBody> response;
    try {
      // The read timeout bounds the whole answer, connecting included, as documented for the setting.
      response = future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw readTimeout(url, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw failure(url, e.getCause());
    }
    HttpHeaders headers = response.headers();
    int status = response.statusCode();
    if (status >= 300 && status < 400 && status != 304) {
      String location = headers.firstValue("Location").orElse(null);
      if (location == null) {
        throw FetchException.failed("redirect " + status + " without Location from " + url, null);
      }
      return new Hop(null, location);
    }
    Duration retryAfter = headers.firstValue("Retry-After").map(v -> retryAfter(v, clock.instant())).orElse(null);
    if (retryAfter != null && (status == 429 || status == 503)) {
      gate.pause(url, clock.instant().plus(retryAfter));
    }
    String contentType = headers.firstValue("Content-Type").orElse(null);
    String etag = headers.firstValue("ETag").orElse(null);
    String lastModified = headers.firstValue("Last-Modified").orElse(null);
    if (status == 304) {
      return new Hop(new FetchResult(url, status, contentType, etag, lastModified, retryAfter, new byte[0], false), null);
    }
    LimitedBody raw = response.body();
    String encoding = headers.firstValue("Content-Encoding").orElse("identity").trim().toLowerCase(Locale.ROOT);
    Decoded decoded = decode(url, encoding, raw, request.maxBytes());
    return new Hop(new FetchResult(url, status, contentType, etag, lastModified, retryAfter, decoded.bytes,
        raw.truncated || decoded.truncated), null);
  }

  /** Names the limit that ran out by its configuration key, so that the user knows which one to raise. */
  private FetchException readTimeout(URI url, Throwable cause) {
    return FetchException.failed("no complete answer from " + url + " within " + human(readTimeout)
        + " (" + READ_TIMEOUT_KEY + ")", cause);
  }

  private FetchException failure(URI url, Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return FetchException.failed("no connection to " + url + " within " + human(connectTimeout)
          + " (" + CONNECT_TIMEOUT_KEY + ")", cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return readTimeout(url, cause);
    }
    if (cause instanceof ConnectException) {
      return FetchException.failed("connection refused by " + url, cause);
    }
    String msg = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
    return FetchException.failed("request to " + url + " failed: " + msg, cause);
  }

  /** {@code 30 s}, {@code 1.5 s}, {@code 250 ms}. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s";
  }

  private record Decoded(byte[] bytes, boolean truncated) {
  }

  private static Decoded decode(URI url, String encoding, LimitedBody raw, int maxBytes) {
    switch (encoding) {
      case "identity", "" -> {
        return new Decoded(raw.bytes, false);
      }
      case "gzip", "x-gzip" -> {
        try {
          return readLimited(new GZIPInputStream(new ByteArrayInputStream(raw.bytes)), maxBytes, raw.truncated);
        } catch (IOException e) {
          throw FetchException.failed("bad gzip body from " + url + ": " + e.getMessage(), e);
        }
      }
      case "deflate" -> {
        // "deflate" should be zlib-wrapped, but some servers send a raw deflate stream.
        boolean zlib = raw.bytes.length >= 2 && ((raw.bytes[0] & 0xFF) * 256 + (raw.bytes[1] & 0xFF)) % 31 == 0
            && (raw.bytes[0] & 0x0F) == 8;
        try {
          return readLimited(new InflaterInputStream(new ByteArrayInputStream(raw.bytes), new Inflater(!zlib)),
              maxBytes, raw.truncated);
        } catch (IOException e) {
          throw FetchException.failed("bad deflate body from " + url + ": " + e.getMessage(), e);
        }
      }
      default -> throw FetchException.failed("unsupported Content-Encoding " + encoding + " from " + url, null);
    }
  }

  /** Reads at most {@code max} bytes; a compressed stream cut by the raw cap ends early instead of failing. */
  private static Decoded readLimited(InputStream in, int max, boolean rawTruncated) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16 * 1024];
      int total = 0;
      while (true) {
        int n;
        try {
          n = in.read(buf);
        } catch (EOFException e) {
          if (rawTruncated) {
            return new Decoded(out.toByteArray(), true);
          }
          throw e;
        }
        if (n < 0) {
          return new Decoded(out.toByteArray(), false);
        }
        int room = max - total;
        if (n > room) {
          out.write(buf, 0, room);
          return new Decoded(out.toByteArray(), true);
        }
        out.write(buf, 0, n);
        total += n;
      }
    } catch (IOException e) {
      if (e.getCause() instanceof DataFormatException && rawTruncated) {
        return new Decoded(new byte[0], true);
      }
      throw e;
    }
  }

  /** Retry-After as seconds or an HTTP date; capped, never negative; null when unreadable. */
  static Duration retryAfter(String value, Instant now) {
    String v = value.trim();
    Duration d;
    try {
      d = Duration.ofSeconds(Long.parseLong(v));
    } catch (NumberFormatException e) {
      try {
        d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException e2) {
        LOG.debug("Ignoring unreadable Retry-After {}", v);
        return null;
      }
    }
    if (d.isNegative()) {
      return Duration.ZERO;
    }
    return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
  }

  /** Body bytes as received, cut at a cap. */
  private record LimitedBody(byte[] bytes, boolean truncated) {
  }

  /** Collects at most {@code max} bytes and then cancels the rest of the body. */
  private static final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<LimitedBody> {
    private final int max;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<LimitedBody> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    LimitedBodySubscriber(int max) {
      this.max = max;
    }

    @Override
    public CompletionStage<LimitedBody> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        int room = max - out.size();
        int n = item.remaining();
        byte[] chunk = new byte[Math.min(n, room)];
        item.get(chunk);
        out.write(chunk, 0, chunk.length);
        if (n > room) {
          result.complete(new LimitedBody(out.toByteArray(), true));
          subscription.cancel();
          return;
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(new LimitedBody(out.toByteArray(), false));
    }
  }
}
