package dev.wirewatch.ingest.internal.poll;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which articles the archive already holds (articleId to content hash and fetch time), loaded from the
 * raw-articles topic at start so that a restart produces nothing unchanged; plus what this process has seen
 * in the feeds, and which articles a poll is fetching right now (so one article listed in two feeds is
 * fetched once).
 */
public final class SeenArticles {

  /** An archived article: its content hash and when it was fetched. */
  public record Entry(String contentHash, long fetchedAtMs) {
  }

  private final ConcurrentHashMap<String, Entry> archive = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> fingerprints = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  /** Records an archived article; a later record for the same id replaces the earlier one (as compaction does). */
  public void archived(String articleId, String contentHash, long fetchedAtMs) {
    archive.put(articleId, new Entry(contentHash, fetchedAtMs));
  }

  /** Forgets an article (a tombstone in the archive). */
  public void removed(String articleId) {
    archive.remove(articleId);
  }

  /** Undoes {@link #archived} when producing the record failed, so the next poll tries again. */
  public void produceFailed(String articleId, String contentHash) {
    archive.computeIfPresent(articleId, (id, e) -> e.contentHash().equals(contentHash) ? null : e);
    fingerprints.keySet().removeIf(key -> key.endsWith("\u0000" + articleId));
  }

  public Optional<Entry> get(String articleId) {
    return Optional.ofNullable(archive.get(articleId));
  }

  public int size() {
    return archive.size();
  }

  /**
   * The fingerprint of the article's entry in one feed, as this process last saw it, or null. Kept per feed:
   * two feeds may describe the same article differently.
   */
  String fingerprint(String feedUrl, String articleId) {
    return fingerprints.get(feedUrl + "\u0000" + articleId);
  }

  void observed(String feedUrl, String articleId, String fingerprint) {
    if (feedUrl == null) {
      return;
    }
    fingerprints.put(feedUrl + "\u0000" + articleId, fingerprint);
  }

  /** True when the caller may fetch the article now; false when another poll is already fetching it. */
  boolean claim(String articleId) {
    return inFlight.add(articleId);
  }

  void release(String articleId) {
    inFlight.remove(articleId);
  }
}
