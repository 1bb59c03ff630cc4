package dev.wirewatch.app.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (SIGTERM) for the long-running commands: the JVM's shutdown hook releases {@link #await()} and
 * closes what runs, so stages stop cleanly (last transaction committed, sink flushed, broker shut down).
 */
final class StopOnSignal implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StopOnSignal.class);

  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread hook;

  StopOnSignal(AutoCloseable running) {
    this.hook = new Thread(() -> {
      log.info("Stopping wirewatch");
      stop.countDown();
      try {
        running.close();
      } catch (Exception e) {
        log.warn("Stopping wirewatch failed: {}", e.getMessage());
      }
    }, "wirewatch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Blocks until the process is asked to stop. */
  void await() throws InterruptedException {
    stop.await();
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already stopping and the hook is closing what runs.
    }
  }
}
