package dev.wirewatch.ingest;

import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.TopicProvisioner;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the ingest integration tests: one real embedded broker with the project's topics for the
 * class, and a fresh in-process HTTP site on 127.0.0.1 for each test.
 */
abstract class BrokerAndSiteIT {

  @TempDir
  static Path dataDir;
  static EmbeddedKafka kafka;

  TestServer server;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dataDir);
    TopicProvisioner.ensureTopics(kafka.clientProperties(), 1, (short) 1);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void startServer() throws IOException {
    server = new TestServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }
}
