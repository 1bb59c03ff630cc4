package dev.wirewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.junit.jupiter.api.Test;

/** No Docker engine runs in CI, so the compose file is checked by reading it: every variable must be a known key. */
class ComposeFileTest {

  @Test
  void everyWirewatchVariableInTheComposeFileIsAKnownConfigurationKey() throws Exception {
    // Given the repository's compose file
    Path compose = Path.of("..", "docker-compose.yml");
    assertTrue(Files.isRegularFile(compose), "docker-compose.yml at the repository root");
    // SnakeYAML resolves the anchors and merge keys (<<) the compose file uses for the shared settings.
    Map<String, Object> root = new Yaml().load(Files.readString(compose));

    // When its WIREWATCH_* variables are collected from every service
    List<String> variables = new ArrayList<>();
    Map<?, ?> services = (Map<?, ?>) root.get("services");
    for (Object service : services.values()) {
      Object environment = ((Map<?, ?>) service).get("environment");
      if (!(environment instanceof Map<?, ?> env)) {
        continue;
      }
      Map<String, String> wirewatchEnv = new java.util.TreeMap<>();
      env.forEach((name, value) -> {
        if (String.valueOf(name).startsWith("WIREWATCH_")) {
          wirewatchEnv.put(String.valueOf(name), String.valueOf(value));
        }
      });
      variables.addAll(wirewatchEnv.keySet());
      // And the service's whole environment is a valid configuration (values included)
      WirewatchConfig.load(null, wirewatchEnv, Map.of(), null);
    }

    // Then there are some, and each maps to a configuration key
    assertFalse(variables.isEmpty(), "the wirewatch services are configured through WIREWATCH_* variables");
    for (String name : variables) {
      String key = WirewatchConfig.keyOfEnvironmentVariable(name);
      assertTrue(Settings.find(key).isPresent(), name + " maps to unknown key " + key);
    }
  }

  @Test
  void everyWirewatchServiceAndTheImageCheckHealthThroughTheReadinessCommand() throws Exception {
    // Given the compose file and the Dockerfile
    Map<String, Object> root = new Yaml().load(Files.readString(Path.of("..", "docker-compose.yml")));
    String dockerfile = Files.readString(Path.of("..", "Dockerfile"));

    // Then each service built from the image runs `wirewatch health` as its health check
    Map<?, ?> services = (Map<?, ?>) root.get("services");
    List<String> wirewatchServices = new ArrayList<>();
    services.forEach((name, service) -> {
      Map<?, ?> definition = (Map<?, ?>) service;
      if (!"wirewatch:latest".equals(definition.get("image"))) {
        return;
      }
      wirewatchServices.add(String.valueOf(name));
      Object healthcheck = definition.get("healthcheck");
      assertTrue(healthcheck instanceof Map<?, ?>, name + " has a health check");
      List<?> test = (List<?>) ((Map<?, ?>) healthcheck).get("test");
      assertTrue(test.contains("/opt/wirewatch/wirewatch.jar") && test.get(test.size() - 1).equals("health"),
          name + " asks `wirewatch health`: " + test);
    });
    assertEquals(List.of("ingest", "classify", "sink"), wirewatchServices);
    // And the image declares the same check (the image has no curl)
    assertTrue(dockerfile.lines().anyMatch(l -> l.strip().startsWith("HEALTHCHECK")), "Dockerfile has a HEALTHCHECK");
    assertTrue(dockerfile.contains("\"/opt/wirewatch/wirewatch.jar\", \"health\"]"), "HEALTHCHECK runs wirewatch health");
  }
}
