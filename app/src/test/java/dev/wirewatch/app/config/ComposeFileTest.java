package dev.wirewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No Docker engine runs in CI, so the compose file is checked by reading it: every variable must be a known key. */
class ComposeFileTest {

  @Test
  void everyWirewatchVariableInTheComposeFileIsAKnownConfigurationKey() throws Exception {
    // Given the repository's compose file
    Path compose = Path.of("..", "docker-compose.yml");
    assertTrue(Files.isRegularFile(compose), "docker-compose.yml at the repository root");
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(compose.toFile());

    // When its WIREWATCH_* variables are collected from every service (anchors resolved by the parser)
    List<String> variables = new ArrayList<>();
    root.path("services").forEach(service -> service.path("environment").fieldNames().forEachRemaining(name -> {
      if (name.startsWith("WIREWATCH_")) {
        variables.add(name);
      }
    }));

    // Then there are some, and each maps to a configuration key
    assertFalse(variables.isEmpty(), "the wirewatch services are configured through WIREWATCH_* variables");
    for (String name : variables) {
      String key = WirewatchConfig.keyOfEnvironmentVariable(name);
      assertTrue(Settings.find(key).isPresent(), name + " maps to unknown key " + key);
      WirewatchConfig.load(null, java.util.Map.of(name, "1"), java.util.Map.of(), null);
    }
  }
}
