package dev.wirewatch.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wirewatch.schema.json.AvroJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The labelled corpus, read from the class path ({@code corpus/*.jsonl} beside {@code corpus/README.md}), from the
 * test classes directory or from this module's test jar alike. Every {@code *.jsonl} file of that directory is read,
 * in file-name order, so a new corpus file needs no registration.
 */
public final class CorpusFiles {

  /** One labelled article: the file it came from and its JSON line (input fields plus {@code expected}). */
  public record Entry(String file, JsonNode json) {

    public String id() {
      return json.path("id").asText();
    }

    /** The classifier input of this line. */
    public ArticleInput input() {
      return new ArticleInput(id(), text("source"), text("url"), text("title"), text("publishedAt"), text("dateline"),
          text("language"), json.path("text").asText(""));
    }

    private String text(String field) {
      JsonNode v = json.get(field);
      return v == null || v.isNull() ? null : v.asText();
    }
  }

  private static final String ANCHOR = "corpus/README.md";

  private CorpusFiles() {
  }

  /** Every article of every corpus file. */
  public static List<Entry> load() {
    URL anchor = CorpusFiles.class.getClassLoader().getResource(ANCHOR);
    if (anchor == null) {
      throw new IllegalStateException(ANCHOR + " is not on the class path");
    }
    try {
      URI uri = anchor.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(jar.getPath("/corpus"));
        }
      }
      return read(Path.of(uri).getParent());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("corpus location " + anchor + " is not a URI", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the corpus at " + anchor, e);
    }
  }

  private static List<Entry> read(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }
    List<Entry> entries = new ArrayList<>();
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          entries.add(new Entry(file.getFileName().toString(), AvroJson.MAPPER.readTree(line)));
        }
      }
    }
    return List.copyOf(entries);
  }
}
