package dev.wirewatch.ingest.internal.fetch;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per-host politeness: one request at a time to a host (host and port) and a minimum delay between the start
 * of two requests to it.
 */
final class HostGate {

  private final Duration delay;
  private final Clock clock;
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

  HostGate(Duration delay, Clock clock) {
    this.delay = delay;
    this.clock = clock;
  }

  /**
   * Raises the delay between two requests to the host of {@code url} to at least {@code minimum} (a robots.txt
   * Crawl-delay); the configured delay stays the floor.
   */
  void minimumDelay(URI url, Duration minimum) {
    Slot slot = slots.computeIfAbsent(key(url), k -> new Slot());
    synchronized (slot) {
      slot.minDelayMs = minimum.toMillis();
    }
  }

  /** Holds back every request to the host of {@code url} until {@code until} (a Retry-After answer). */
  void pause(URI url, java.time.Instant until) {
    Slot slot = slots.computeIfAbsent(key(url), k -> new Slot());
    synchronized (slot) {
      slot.pausedUntilMs = Math.max(slot.pausedUntilMs, until.toEpochMilli());
    }
  }

  /** The time until which the host asked not to be asked again, or null. */
  java.time.Instant pausedUntil(URI url) {
    Slot slot = slots.get(key(url));
    if (slot == null) {
      return null;
    }
    synchronized (slot) {
      return slot.pausedUntilMs > clock.millis() ? java.time.Instant.ofEpochMilli(slot.pausedUntilMs) : null;
    }
  }

  private static String key(URI url) {
    return url.getHost().toLowerCase(Locale.ROOT) + ":" + url.getPort();
  }

  /** Waits for the host's turn; the returned permit must be closed when the request is done. */
  Permit acquire(URI url) throws InterruptedException {
    Slot slot = slots.computeIfAbsent(key(url), k -> new Slot());
    slot.permits.acquire();
    try {
      long waitMs;
      synchronized (slot) {
        long now = clock.millis();
        long start = Math.max(now, slot.nextStartMs);
        slot.nextStartMs = start + Math.max(delay.toMillis(), slot.minDelayMs);
        waitMs = start - now;
      }
      if (waitMs > 0) {
        Thread.sleep(waitMs);
      }
    } catch (InterruptedException e) {
      slot.permits.release();
      throw e;
    }
    return slot.permits::release;
  }

  /** Held while a request runs. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Slot {
    final Semaphore permits = new Semaphore(1, true);
    long nextStartMs;
    long pausedUntilMs;
    long minDelayMs;
  }
}
