package dev.wirewatch.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.ingest.ArticleExtractor;
import dev.wirewatch.ingest.ExtractedArticle;
import dev.wirewatch.schema.json.AvroJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirewatch extract}: one saved page in, the extracted article as one JSON line out. */
@Command(name = "extract", description = "Extract one saved article page; prints one JSON object that classify accepts.")
final class ExtractCommand extends ConfiguredCommand {

  @Option(names = "--html", required = true, paramLabel = "F", description = "The saved page.")
  Path html;

  @Option(names = "--url", required = true, paramLabel = "U", description = "The page's URL (picks the site profile, gives the id).")
  String url;

  @Option(names = "--source", paramLabel = "S", description = "Site profile to use (xinhua, ecns, generic); default: from the URL.")
  String source;

  @Option(names = "--charset", paramLabel = "C", description = "Charset the page was served with, if known (else its meta tag).")
  String charset;

  @Override
  int run(WirewatchConfig config) {
    URI uri = parseUrl(url);
    byte[] page = readPage(html, config.integer(Settings.MAX_PAGE_BYTES));
    PageBytes.binaryReason(page).ifPresent(reason -> {
      throw new UserError("--html " + html + " is not an HTML page: " + reason);
    });
    String contentType = charset == null ? null : "text/html; charset=" + charset;
    ExtractedArticle article = new ArticleExtractor().extract(uri, page, contentType, source);
    ObjectNode json = AvroJson.MAPPER.createObjectNode();
    json.put("id", article.id());
    json.put("source", article.source());
    json.put("url", article.url());
    json.put("title", article.title());
    json.put("publishedAt", article.publishedAt());
    json.put("dateline", article.dateline());
    json.put("language", article.language());
    json.put("text", article.text());
    out().println(json);
    return Main.OK;
  }

  /** The saved page, at most {@code maxBytes} of it (the fetcher's cap): a larger file is refused, not read whole. */
  private static byte[] readPage(Path file, int maxBytes) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] page = in.readNBytes(maxBytes + 1);
      if (page.length > maxBytes) {
        throw new UserError("--html " + file + " is larger than " + Settings.MAX_PAGE_BYTES + " (" + maxBytes + " bytes)");
      }
      return page;
    } catch (NoSuchFileException e) {
      throw new UserError("cannot read --html " + file + ": no such file");
    } catch (IOException e) {
      throw new UserError("cannot read --html " + file + ": " + e.getMessage(), e);
    }
  }

  private static URI parseUrl(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
        throw new UserError("--url must be an absolute http(s) URL, was '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UserError("--url is not a valid URL: " + e.getMessage(), e);
    }
  }
}
