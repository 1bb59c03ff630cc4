package dev.wirewatch.app.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the file of {@code --feeds F}: an OPML feed list (the standard export of feed readers) or a YAML
 * config holding a {@code feeds:} list. In OPML, every outline with an {@code xmlUrl} is a feed; its
 * site profile is the outline's {@code category} when that names one, else it is guessed from the host.
 */
public final class FeedFiles {

  private FeedFiles() {
  }

  public static List<FeedSpec> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read feeds file " + file + ": " + e.getMessage(), e);
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    if (head.contains("<opml")) {
      return readOpml(bytes, file.toString());
    }
    List<FeedSpec> feeds = WirewatchConfig.load(file, java.util.Map.of(), java.util.Map.of(), null).feeds();
    if (feeds.isEmpty()) {
      throw new ConfigException("feeds file " + file + " lists no feeds");
    }
    return feeds;
  }

  private static List<FeedSpec> readOpml(byte[] bytes, String where) {
    try {
      DocumentBuilder builder = secureFactory().newDocumentBuilder();
      builder.setErrorHandler(null);
      NodeList outlines = builder.parse(new ByteArrayInputStream(bytes)).getElementsByTagName("outline");
      List<FeedSpec> feeds = new ArrayList<>();
      for (int i = 0; i < outlines.getLength(); i++) {
        Element outline = (Element) outlines.item(i);
        String url = outline.getAttribute("xmlUrl").trim();
        if (url.isEmpty()) {
          continue;
        }
        String category = outline.getAttribute("category").trim().toLowerCase(Locale.ROOT);
        String source = category.matches("xinhua|ecns|generic") ? category : profileOfHost(url);
        feeds.add(new FeedSpec(source, url, null));
      }
      if (feeds.isEmpty()) {
        throw new ConfigException("OPML file " + where + " has no outline with an xmlUrl");
      }
      return feeds;
    } catch (SAXException e) {
      throw new ConfigException("OPML file " + where + " is not well-formed XML: " + e.getMessage(), e);
    } catch (IOException | ParserConfigurationException e) {
      throw new ConfigException("cannot read OPML file " + where + ": " + e.getMessage(), e);
    }
  }

  /** The site profile a feed URL's host implies. */
  static String profileOfHost(String url) {
    String host;
    try {
      host = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("feed url is not a valid URI: '" + url + "'");
    }
    host = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (host.endsWith("news.cn") || host.endsWith("xinhuanet.com")) {
      return "xinhua";
    }
    if (host.endsWith("ecns.cn")) {
      return "ecns";
    }
    return "generic";
  }

  /** DOCTYPEs refused outright: no external entities, no entity expansion bombs. */
  private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    return factory;
  }
}
