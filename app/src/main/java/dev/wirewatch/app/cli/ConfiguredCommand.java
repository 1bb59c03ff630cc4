package dev.wirewatch.app.cli;

import dev.wirewatch.app.config.WirewatchConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** A command that reads the configuration (file, environment, flags) before it does its work. */
abstract class ConfiguredCommand implements Callable<Integer>, Main.NeedsEnvironment {

  @Mixin
  ConfigOptions configOptions = new ConfigOptions();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private Map<String, String> environment = Map.of();

  @Override
  public void environment(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public final Integer call() throws Exception {
    return run(configOptions.load(environment));
  }

  abstract int run(WirewatchConfig config) throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
