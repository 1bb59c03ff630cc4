package dev.wirewatch.app.cli;

import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch health}: asks a running wirewatch process on this machine whether it is ready (or live), for
 * container health checks in an image that has no HTTP client of its own. Exit 0 when it answers 200, 1 otherwise.
 */
@Command(name = "health", description = "Ask the wirewatch process on http.host:http.port whether it is ready"
    + " (or live): exit 0 when it is, 1 when not or when it does not answer. For container health checks.")
final class HealthCommand extends ConfiguredCommand {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Option(names = "--live", description = "Ask /health/live instead of /health/ready.")
  boolean live;

  @Override
  int run(WirewatchConfig config) throws InterruptedException {
    int port = config.integer(Settings.HTTP_PORT);
    if (port == 0) {
      throw new UserError(Settings.HTTP_PORT + " is 0: the process serves no health endpoint to ask");
    }
    String host = config.get(Settings.HTTP_HOST);
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    URI uri = URI.create("http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port
        + (live ? "/health/live" : "/health/ready"));
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    try {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      out().println(answer.body());
      return answer.statusCode() == 200 ? Main.OK : Main.FAILURE;
    } catch (IOException e) {
      err().println("wirewatch: no answer from " + uri + ": " + e.getClass().getSimpleName());
      return Main.FAILURE;
    }
  }
}
