package dev.wirewatch.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.app.cli.Main;
import dev.wirewatch.app.demo.DemoSite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirewatch broker} in its own JVM, and the stages run against it as separate runs with {@code --stage}:
 * the multi-process layout on one machine, without an installed Kafka.
 */
class BrokerCommandIT {

  private static final Duration LIMIT = Duration.ofMinutes(2);

  @TempDir
  Path dir;

  @Test
  void theStandaloneBrokerServesTheStagesRunSeparately_andStopsOnSigterm() throws Exception {
    int port = freePort();
    Process broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.wirewatch.app.cli.Main",
        "broker", "--port", Integer.toString(port), "--data-dir", dir.resolve("broker").toString())
        .redirectErrorStream(true).start();
    try (DemoSite site = DemoSite.start()) {
      // Given `wirewatch broker --port P` running in its own process
      BufferedReader output = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
      String ready = CompletableFuture.supplyAsync(() -> firstLineContaining(output, "Kafka broker ready at"))
          .get(LIMIT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(ready.contains("127.0.0.1:" + port), ready);
      CompletableFuture.runAsync(() -> output.lines().forEach(line -> { })); // keep the pipe drained

      // When ingest runs alone against it, then classify and sink together
      Path config = DemoScenario.writeConfig(dir, site, dir.resolve("stages"), "127.0.0.1:" + port);
      DemoScenario.Result ingest = DemoScenario.wirewatch("run", "--once", "--stage", "ingest", "--config", config.toString());
      assertEquals(Main.OK, ingest.code(), ingest.err());
      DemoScenario.Result rest = DemoScenario.wirewatch("run", "--once", "--stage", "classify,sink", "--config", config.toString());
      assertEquals(Main.OK, rest.code(), rest.err());

      // Then the stored events are the documented ones
      assertEquals(DemoScenario.EXPECTED_EVENTS, DemoScenario.summaries(DemoScenario.listEvents(config)));
    } finally {
      // And SIGTERM (Ctrl-C) stops the broker, releasing its port
      broker.destroy();
      assertTrue(broker.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "broker did not stop on SIGTERM");
    }
    assertTrue(isFree(port), "port " + port + " still taken after the broker stopped");
  }

  @Test
  void aPortThatIsTakenIsAUsageError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      DemoScenario.Result result = DemoScenario.wirewatch("broker", "--port", Integer.toString(taken.getLocalPort()),
          "--data-dir", dir.toString());
      assertEquals(Main.USAGE, result.code());
      assertEquals(List.of("wirewatch: cannot start the broker: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"),
          result.err().lines().toList());
    }
  }

  private static String firstLineContaining(BufferedReader output, String text) {
    try {
      String line;
      while ((line = output.readLine()) != null) {
        if (line.contains(text)) {
          return line;
        }
      }
      return "(broker exited without saying it was ready)";
    } catch (IOException e) {
      return "(cannot read the broker's output: " + e.getMessage() + ")";
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
