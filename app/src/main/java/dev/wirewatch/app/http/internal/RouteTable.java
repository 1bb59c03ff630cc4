package dev.wirewatch.app.http.internal;

import dev.wirewatch.app.http.Route;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The registered routes: exact paths, then the longest matching prefix. Safe to add to while serving. */
public final class RouteTable {

  /** A route found for a path, with what follows its prefix. */
  public record Match(Route route, String rest) {
  }

  private final Map<String, Route> exact = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<String, Route> prefixes = new ConcurrentSkipListMap<>();

  public void exact(String path, Route route) {
    put(exact, path, route);
  }

  public void prefix(String prefix, Route route) {
    put(prefixes, prefix, route);
  }

  public Optional<Match> find(String path) {
    Route route = exact.get(path);
    if (route != null) {
      return Optional.of(new Match(route, ""));
    }
    // Longest prefix first: the map is sorted, so walk down from the path itself.
    for (Map.Entry<String, Route> e : prefixes.headMap(path, true).descendingMap().entrySet()) {
      if (path.startsWith(e.getKey())) {
        return Optional.of(new Match(e.getValue(), path.substring(e.getKey().length())));
      }
    }
    return Optional.empty();
  }

  public String describe() {
    TreeMap<String, Boolean> all = new TreeMap<>();
    exact.keySet().forEach(p -> all.put(p, true));
    prefixes.keySet().forEach(p -> all.put(p + "*", true));
    return String.join(", ", all.keySet());
  }

  private static void put(Map<String, Route> map, String path, Route route) {
    Objects.requireNonNull(route, "route");
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/', was " + path);
    }
    if (map.putIfAbsent(path, route) != null) {
      throw new IllegalArgumentException("a route for " + path + " is already registered");
    }
  }
}
