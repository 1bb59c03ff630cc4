package dev.wirewatch.ingest.internal.fetch;

import java.net.URI;
import java.time.Duration;

/**
 * The answer to one request after redirects.
 *
 * @param url the URL that answered (after redirects)
 * @param status HTTP status
 * @param contentType Content-Type header, or null
 * @param etag ETag header, or null
 * @param lastModified Last-Modified header, or null
 * @param retryAfter Retry-After as a delay, or null
 * @param body body after content decoding, at most the requested maximum; empty for 304
 * @param truncated true when the body was cut at the maximum size
 */
public record FetchResult(URI url, int status, String contentType, String etag, String lastModified,
    Duration retryAfter, byte[] body, boolean truncated) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  public boolean notModified() {
    return status == 304;
  }
}
