package dev.wirewatch.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What one command line printed and returned, run in this JVM with an empty environment. */
record CliResult(int code, String out, String err, Duration took) {

  static CliResult of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Instant start = Instant.now();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
    return new CliResult(code, out.toString(), err.toString(), Duration.between(start, Instant.now()));
  }
}
