package dev.wirewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: {@code events} with the database unreachable printed 57 lines of stack trace, and hung for a
 * minute when the server accepted connections but never answered. Real sockets, no database needed.
 */
class EventsUnreachableDatabaseIT {

  /** Connect and login timeouts of the reading commands (5 s each) plus start-up, with room for a busy machine. */
  private static final Duration BOUND = Duration.ofSeconds(25);

  @TempDir
  Path dir;

  private CliResult events(int port) {
    return CliResult.of("events", "--data-dir", dir.toString(),
        "--set", "storage.url=jdbc:postgresql://127.0.0.1:" + port + "/test", "--set", "storage.user=postgres");
  }

  private static void assertOneLineFailure(CliResult result) {
    assertEquals(Main.FAILURE, result.code(), result.err());
    assertEquals(1, result.err().lines().count(), "one line on stderr: " + result.err());
    assertTrue(result.err().startsWith("wirewatch: failed: cannot migrate database jdbc:postgresql://127.0.0.1:"), result.err());
    assertFalse(result.err().contains("\tat "), "no stack trace");
    assertTrue(result.took().compareTo(BOUND) < 0, "took " + result.took());
  }

  @Test
  void aClosedPortIsOneLineAndExitOne() throws IOException {
    // Given a port nobody listens on
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }

    // When events are read from it, then one line names the database, exit 1, at once
    CliResult result = events(port);
    assertOneLineFailure(result);
    assertTrue(result.err().contains("refused"), result.err());
  }

  @Test
  void aServerThatAcceptsAndNeverAnswersIsOneLineWithinTheLoginTimeout() throws Exception {
    // Given a server that accepts connections and then says nothing (a frozen database host)
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          // The test is over.
        }
      }, "silent-server");
      acceptor.setDaemon(true);
      acceptor.start();

      // When events are read from it, then it fails on one line within the bound instead of hanging
      assertOneLineFailure(events(silent.getLocalPort()));
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
