package dev.wirewatch.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one hostile input through a parser under limits and checks how it ended: a result, or the parser's own
 * exception with a one-line message; never another exception type, never longer than {@link #TIME_LIMIT},
 * never more allocation than {@link #allocationLimit(int)} for the input's size.
 */
public final class HostileInput {

  /** Longest a single input may take (a hang, or a super-linear blow-up, ends here). */
  public static final Duration TIME_LIMIT = Duration.ofSeconds(10);
  /** Allocation allowed whatever the input: parser set-up, class loading on the first try. */
  private static final long BASE_ALLOCATION = 256L << 20;
  /** Allocation allowed per input byte: a parser builds a few copies and a tree, not thousands. */
  private static final long ALLOCATION_PER_BYTE = 1000;

  private HostileInput() {
  }

  /** Bytes a parser may allocate for an input of {@code inputBytes}. */
  public static long allocationLimit(int inputBytes) {
    return BASE_ALLOCATION + ALLOCATION_PER_BYTE * inputBytes;
  }

  /**
   * How one run ended.
   *
   * @param result what the parser returned, or null when it threw
   * @param thrown what it threw, or null
   * @param allocatedBytes bytes allocated by the thread that ran it
   */
  public record Ending(Object result, Throwable thrown, long allocatedBytes) {
  }

  /**
   * Runs {@code parse} on its own thread, so that a hang is caught by the time limit and the allocation
   * counted is the parser's alone.
   */
  public static Ending run(Callable<?> parse) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] allocated = new long[1];
    FutureTask<Object> task = new FutureTask<>(() -> {
      long before = threads.getCurrentThreadAllocatedBytes();
      try {
        return parse.call();
      } finally {
        allocated[0] = threads.getCurrentThreadAllocatedBytes() - before;
      }
    });
    Thread worker = new Thread(task, "hostile-input");
    worker.setDaemon(true);
    worker.start();
    try {
      Object result = task.get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      worker.join();
      return new Ending(result, null, allocated[0]);
    } catch (TimeoutException e) {
      worker.interrupt();
      return fail("no answer within " + TIME_LIMIT + ": the input makes the parser hang");
    } catch (ExecutionException e) {
      join(worker);
      return new Ending(null, e.getCause(), allocated[0]);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  private static void join(Thread worker) {
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Asserts that {@code ending} is a result, or an exception of exactly the {@code documented} type (or a
   * subtype) whose message is one non-blank line, and that it stayed within the allocation limit.
   */
  public static void assertEndsWell(Ending ending, Class<? extends Throwable> documented, int inputBytes) {
    Throwable t = ending.thrown();
    if (t != null && !documented.isInstance(t)) {
      throw new AssertionError("undocumented " + t.getClass().getName() + ": " + t.getMessage(), t);
    }
    if (t != null) {
      String message = t.getMessage();
      assertTrue(message != null && !message.isBlank(), "blank message");
      assertFalse(message.contains("\n") || message.contains("\r"), "message of more than one line: " + message);
    }
    assertTrue(ending.allocatedBytes() <= allocationLimit(inputBytes), "allocated " + ending.allocatedBytes()
        + " bytes for an input of " + inputBytes + " bytes");
  }
}
