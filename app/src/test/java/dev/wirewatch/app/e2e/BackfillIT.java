package dev.wirewatch.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wirewatch.app.cli.Main;
import dev.wirewatch.app.demo.DemoSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirewatch fetch} end to end on the embedded default: named article pages served over real HTTP are
 * archived by the command, then classified and stored by the pipeline like any other article.
 */
class BackfillIT {

  @TempDir
  Path dir;

  @Test
  void fetchOfThreeUrlsOneMissingArchivesTwoWhichAreClassifiedAndExitsOne() throws Exception {
    Path dataDir = dir.resolve("data");
    try (DemoSite site = DemoSite.start()) {
      // Given two dialogue reports of the sample site and a page that is not there, and no source to poll
      String eu = site.baseUrl() + "/ecns/news/politics/2024-06-19/detail-ihcymqfa2814036.shtml";
      String japan = site.baseUrl() + "/ecns/news/politics/2024-06-27/detail-ihczrqvd7715402.shtml";
      String missing = site.baseUrl() + "/ecns/news/politics/2024-06-30/detail-ihcmissing00001.shtml";
      Path config = Files.writeString(dir.resolve("wirewatch.yaml"), "feeds: []\ndata.dir: " + dataDir
          + "\ningest:\n  per.host.delay: 0s\nsink:\n  batch.linger: 100ms\n");

      // When they are fetched
      DemoScenario.Result fetch = DemoScenario.wirewatch("fetch", eu, japan, missing, "--config", config.toString());

      // Then one line per URL, two archived, the missing one failed, and exit 1
      assertEquals(Main.FAILURE, fetch.code(), fetch.err());
      List<String> lines = fetch.out().lines().toList();
      assertEquals(3, lines.size(), fetch.out());
      assertTrue(lines.get(0).startsWith("archived   " + eu), lines.get(0));
      assertTrue(lines.get(1).startsWith("archived   " + japan), lines.get(1));
      assertTrue(lines.get(2).startsWith("failed     " + missing) && lines.get(2).contains("HTTP 404"), lines.get(2));
      assertTrue(fetch.err().contains("1 of 3 pages not archived"), fetch.err());

      // When the pipeline runs once (it polls nothing, it classifies the archive)
      List<JsonNode> events = DemoScenario.runOnceAndListEvents(config);

      // Then both reports became their events
      assertEquals(Set.of("EU|dialogue|HELD|2024-06-13|2024-06-17|Chongqing|CN|1",
          "JP|consultation|HELD|2024-06-26|2024-06-26|Tokyo|JP|1"), DemoScenario.summaries(events));

      // And fetching them again archives nothing twice
      DemoScenario.Result again = DemoScenario.wirewatch("fetch", eu, "--config", config.toString());
      assertEquals(Main.OK, again.code(), again.err());
      assertTrue(again.out().startsWith("unchanged  " + eu), again.out());
    }
  }
}
