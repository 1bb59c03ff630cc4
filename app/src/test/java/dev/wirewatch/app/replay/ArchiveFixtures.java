package dev.wirewatch.app.replay;

import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A synthetic archive for replay tests: wire-style reports of dialogue rounds (two reports per round, one
 * per wire) mixed with ordinary news, generated from templates written for this project. Deterministic for
 * a given seed.
 */
final class ArchiveFixtures {

  /** name in text, city, capital's dateline, a counterpart official. */
  private static final String[][] COUNTERPARTS = {
      {"the European Union", "Brussels", "BRUSSELS", "Anna Keller", "a senior official of the European External Action Service"},
      {"the United States", "Washington", "WASHINGTON", "Robert Hale", "a deputy assistant secretary of state"},
      {"Switzerland", "Bern", "BERN", "Martin Egli", "a state secretary of the Swiss foreign ministry"},
      {"Germany", "Berlin", "BERLIN", "Julia Brandt", "the German government's human rights commissioner"},
      {"Australia", "Canberra", "CANBERRA", "Sarah Collins", "a first assistant secretary of the foreign affairs department"},
      {"the Netherlands", "The Hague", "THE HAGUE", "Pieter de Vries", "the Dutch human rights ambassador"},
      {"Norway", "Oslo", "OSLO", "Ingrid Lund", "a director general of the Norwegian foreign ministry"},
  };
  private static final String[] TOPIC_PHRASES = {
      "the death penalty and judicial reform", "the rights of women and children", "ethnic minorities and religious freedom",
      "the rule of law and legal aid", "the rights of migrants and racial discrimination", "freedom of expression and the press"};
  private static final String[] ORDINAL = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
      "ninth", "tenth", "11th", "12th", "13th", "14th", "15th", "16th", "17th", "18th", "19th", "20th"};
  private static final String[] OTHER_NEWS = {
      "Freight volumes at the country's major ports rose in the first half of the year, the transport ministry said.",
      "Heavy rain is forecast for several southern provinces this week, and local authorities have opened shelters.",
      "A new high-speed rail line linking two provincial capitals opened to passengers on the weekend.",
      "The central bank kept its benchmark lending rate unchanged, citing steady growth and mild inflation.",
      "Researchers reported progress on a drought-tolerant rice variety after three years of field trials.",
      "The national football team won its qualifying match in front of a crowd of forty thousand."};

  private ArchiveFixtures() {
  }

  /** {@code dialogues} rounds reported twice each, plus {@code others} unrelated articles. */
  static List<RawArticle> archive(int dialogues, int others, long seed) {
    Random random = new Random(seed);
    List<RawArticle> articles = new ArrayList<>();
    for (int i = 0; i < dialogues; i++) {
      String[] cp = COUNTERPARTS[i % COUNTERPARTS.length];
      LocalDate held = LocalDate.of(2008 + (i / COUNTERPARTS.length) % 16, 1 + (i * 5) % 12, 3 + (i * 7) % 24);
      String topics = TOPIC_PHRASES[random.nextInt(TOPIC_PHRASES.length)] + " as well as "
          + TOPIC_PHRASES[random.nextInt(TOPIC_PHRASES.length)];
      int round = 1 + (i / COUNTERPARTS.length) % ORDINAL.length;
      String chair = "Li " + (char) ('A' + i % 26) + "wei";
      articles.add(xinhuaReport("dlg-x-" + i, cp, held, topics, round, chair));
      articles.add(ecnsReport("dlg-e-" + i, cp, held, topics, chair));
    }
    for (int i = 0; i < others; i++) {
      LocalDate day = LocalDate.of(2010 + i % 14, 1 + i % 12, 1 + i % 28);
      String text = "BEIJING, " + monthDay(day) + " (Xinhua) -- " + OTHER_NEWS[i % OTHER_NEWS.length]
          + "\n\nOfficials said further figures would be published next month. Item " + i + " of the archive.";
      articles.add(article("news-" + i, "xinhua", day, "News item " + i, "BEIJING, " + monthDay(day) + " (Xinhua)", text));
    }
    return articles;
  }

  /** Archives the articles on {@code raw-articles}, keyed by article id, and waits until they are written. */
  static void produce(Map<String, Object> clientProps, List<RawArticle> articles) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put("enable.idempotence", true);
    try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(props,
        Topics.RAW_ARTICLES.keySerde().serializer(), Topics.RAW_ARTICLES.valueSerde().serializer())) {
      articles.forEach(a -> producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), a.getArticleId(), a)));
      producer.flush();
    }
  }

  /** A later article for the live-ingestion part of a test. */
  static RawArticle liveReport(int i) {
    String[] cp = COUNTERPARTS[i % COUNTERPARTS.length];
    LocalDate held = LocalDate.of(2025, 1 + i % 12, 2 + i % 25);
    return xinhuaReport("live-" + i, cp, held, TOPIC_PHRASES[i % TOPIC_PHRASES.length], 20, "Zhao Min" + i);
  }

  private static RawArticle xinhuaReport(String key, String[] cp, LocalDate held, String topics, int round, String chair) {
    LocalDate published = held.plusDays(1);
    String dateline = cp[2] + ", " + monthDay(published) + " (Xinhua)";
    String text = dateline + " -- China and " + cp[0] + " held the " + ORDINAL[round - 1]
        + " round of their human rights dialogue in " + cp[1] + " on " + weekday(held) + ", the Chinese Foreign Ministry said.\n\n"
        + "The dialogue was co-chaired by " + chair + ", director-general of the ministry's Department of International "
        + "Organizations and Conferences, and " + cp[3] + ", " + cp[4] + ".\n\n"
        + "The two sides exchanged views on " + topics + ", and described the talks as candid and constructive.";
    return article(key, "xinhua", published, "China, " + cp[0] + " hold human rights dialogue", dateline, text);
  }

  private static RawArticle ecnsReport(String key, String[] cp, LocalDate held, String topics, String chair) {
    LocalDate published = held.plusDays(2);
    String text = "(ECNS) -- China and " + cp[0] + " held a human rights dialogue in " + cp[1] + " on "
        + monthDay(held) + ", a Foreign Ministry spokesperson said on " + weekday(published) + ".\n\n"
        + chair + " led the Chinese delegation, and the talks covered " + topics + ".\n\n"
        + "The spokesperson said China was willing to keep up exchanges on the basis of equality and mutual respect.";
    return article(key, "ecns", published, "China, " + cp[0] + " discuss human rights in " + cp[1], "(ECNS)", text);
  }

  private static RawArticle article(String key, String source, LocalDate published, String title, String dateline, String text) {
    String url = source.equals("xinhua")
        ? "https://english.news.cn/" + published.toString().replace("-", "") + "/" + hex(key) + "/c.html"
        : "https://www.ecns.cn/news/politics/" + published + "/detail-" + hex(key).substring(0, 12) + ".shtml";
    return RawArticle.newBuilder()
        .setArticleId(hex(url))
        .setSource(source)
        .setUrl(url)
        .setTitle(title)
        .setPublishedAt(published + "T10:00:00+08:00")
        .setDateline(dateline)
        .setLanguage("en")
        .setText(text)
        .setExtractorVersion(source + "/1")
        .setFetchedAt(0)
        .setContentHash(hex(title + "\n" + text))
        .build();
  }

  private static String monthDay(LocalDate day) {
    return day.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + (day.getMonthValue() == 5 ? "" : ".")
        + " " + day.getDayOfMonth();
  }

  private static String weekday(LocalDate day) {
    return day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  static String hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
