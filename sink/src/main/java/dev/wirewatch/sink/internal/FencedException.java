package dev.wirewatch.sink.internal;

/**
 * The stored offset of a partition is not the one this writer last saw: another sink instance has written
 * it since (after a rebalance this instance has not noticed yet). The batch must not be committed.
 */
public final class FencedException extends Exception {

  public FencedException(String topic, int partition, Long expected) {
    super("stored offset of " + topic + "-" + partition + " is no longer " + (expected == null ? "absent" : expected)
        + ": another sink instance wrote it");
  }
}
