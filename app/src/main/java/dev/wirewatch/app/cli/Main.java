package dev.wirewatch.app.cli;

import dev.wirewatch.app.config.ConfigException;
import dev.wirewatch.classify.BadInputException;
import dev.wirewatch.ingest.IngestException;
import dev.wirewatch.sink.SinkStorageException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wirewatch} command. Exit codes: 0 success, 2 bad usage or bad input (one line on stderr),
 * 1 any other failure (one line on stderr, details in the log).
 */
@Command(name = "wirewatch", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
    description = "Watches wire-service feeds and turns reports of human-rights dialogues into events.",
    subcommands = {RunCommand.class, DemoCommand.class, ClassifyCommand.class, ExtractCommand.class,
        EventsCommand.class, FeedsCommand.class, FetchCommand.class, ReplayCommand.class, BrokerCommand.class, HealthCommand.class,
        VersionCommand.class, ConfigCommand.class})
public final class Main implements Runnable {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Decide the log level before the first logger exists: offline commands keep stderr for errors only.
    if (args.length > 0 && !Set.of("run", "demo", "replay").contains(args[0])) {
      System.setProperty("wirewatch.log.level", "WARN");
    }
    int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv());
    System.exit(code);
  }

  /** Runs one command line; the streams and environment are parameters so tests can drive it. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
    CommandLine cli = new CommandLine(new Main(), new Factory(environment));
    addHelpOption(cli);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, ignored) -> {
      err.println("wirewatch: " + oneLine(ex.getMessage()) + " (see: wirewatch "
          + ex.getCommandLine().getCommandName().replace("wirewatch", "").trim() + " --help)");
      return USAGE;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof UserError || ex instanceof ConfigException || isBadInput(ex)) {
        err.println("wirewatch: " + oneLine(ex.getMessage()));
        return USAGE;
      }
      if (isUnavailable(ex)) {
        // Not a bug: the message says what is unreachable; the trace would only hide it.
        org.slf4j.LoggerFactory.getLogger(Main.class).debug("Command failed", ex);
      } else {
        org.slf4j.LoggerFactory.getLogger(Main.class).error("Command failed", ex);
      }
      err.println("wirewatch: failed: " + oneLine(String.valueOf(ex.getMessage())));
      return FAILURE;
    });
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Gives every subcommand, present and future, {@code -h}/{@code --help}: the usage errors point to it. Added
   * here rather than per command so that a new subcommand cannot be registered without it.
   */
  static void addHelpOption(CommandLine command) {
    for (CommandLine sub : command.getSubcommands().values()) {
      CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
      if (spec.findOption("--help") == null) {
        spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
            .description("Show this help message and exit.").build());
      }
      addHelpOption(sub);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exceptions of the stage modules that mean "your input is wrong" (they do not depend on the CLI). */
  private static boolean isBadInput(Exception ex) {
    return ex instanceof BadInputException || ex instanceof IngestException;
  }

  /** Failures of something outside the process (the database), reported on one line without a trace. */
  private static boolean isUnavailable(Exception ex) {
    return ex instanceof SinkStorageException;
  }

  static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String first = message.strip().lines().findFirst().orElse("");
    return first.length() > 400 ? first.substring(0, 400) + "..." : first;
  }

  /** Gives every command the process environment (tests pass their own). */
  private record Factory(Map<String, String> environment) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      K instance = CommandLine.defaultFactory().create(type);
      if (instance instanceof NeedsEnvironment n) {
        n.environment(environment);
      }
      return instance;
    }
  }

  /** Commands that read WIREWATCH_* variables. */
  interface NeedsEnvironment {
    void environment(Map<String, String> environment);
  }
}
