package dev.wirewatch.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A whole response: status, content type and body.
 *
 * @param status HTTP status code
 * @param contentType value of the Content-Type header
 * @param body the bytes sent
 */
public record Reply(int status, String contentType, byte[] body) {

  public static final String JSON = "application/json; charset=utf-8";
  public static final String TEXT = "text/plain; charset=utf-8";

  public Reply {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status code, was " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  public static Reply of(int status, String contentType, String body) {
    return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public static Reply json(int status, String json) {
    return of(status, JSON, json);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
