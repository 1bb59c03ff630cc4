package dev.wirewatch.app.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request as a route sees it.
 *
 * @param path the decoded path, e.g. {@code /api/events/cn-eu/human-rights-dialogue/2024-06}
 * @param rest for a prefix route, what follows the prefix (empty for an exact route)
 * @param query query parameters in the order given; a parameter may repeat
 */
public record HttpRequest(String path, String rest, Map<String, List<String>> query) {

  public HttpRequest {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rest, "rest");
    query = Map.copyOf(query);
  }

  /** The first value of a query parameter, or null. */
  public String parameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
