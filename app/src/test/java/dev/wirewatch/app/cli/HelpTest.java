package dev.wirewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every usage error says "see: wirewatch X --help", so every subcommand must answer --help and -h. */
class HelpTest {

  static Stream<String> subcommands() {
    Set<String> names = new CommandLine(new Main()).getSubcommands().keySet();
    assertTrue(names.size() >= 9, "subcommands found: " + names);
    return names.stream();
  }

  @ParameterizedTest
  @MethodSource("subcommands")
  void longHelpPrintsTheUsageAndExitsZero(String command) {
    assertHelp(command, "--help");
  }

  @ParameterizedTest
  @MethodSource("subcommands")
  void shortHelpPrintsTheUsageAndExitsZero(String command) {
    assertHelp(command, "-h");
  }

  private static void assertHelp(String command, String flag) {
    // Given a subcommand, when it is asked for help (even without its required flags)
    CliResult result = CliResult.of(command, flag);

    // Then its usage is printed on stdout and nothing else happens
    assertEquals(Main.OK, result.code(), result.err());
    assertTrue(result.out().startsWith("Usage: wirewatch " + command), result.out());
    assertTrue(result.out().contains("--help"), result.out());
    assertEquals("", result.err());
  }
}
