package dev.wirewatch.app.cli;

import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the effective configuration (secrets masked), or the table of every key for the README. */
@Command(name = "config", description = "Print the effective configuration, or --markdown the table of all keys.")
final class ConfigCommand extends ConfiguredCommand {

  @Option(names = "--markdown", description = "Print the configuration reference table (Markdown).")
  boolean markdown;

  @Override
  int run(WirewatchConfig config) {
    if (markdown) {
      out().print(Settings.markdownTable());
      return Main.OK;
    }
    config.feeds().forEach(f -> out().println("feed " + f.source() + " " + f.url()
        + (f.interval() == null ? "" : " every " + f.interval())));
    config.describe().forEach((k, v) -> out().println(k + " = " + v));
    return Main.OK;
  }
}
