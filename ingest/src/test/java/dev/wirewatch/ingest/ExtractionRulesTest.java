package dev.wirewatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The general furniture, title, date and dateline rules on small inline pages: each rule drops what it should
 * and nothing that is story text. (The fixture set under extraction-eval measures them on whole pages.)
 */
class ExtractionRulesTest {

  private static final String STORY_1 = "The committee met on Tuesday to discuss the new harbour plan and agreed on"
      + " a timetable for public hearings.";
  private static final String STORY_2 = "Residents will be able to comment on the plan until the end of August,"
      + " the committee said in a statement.";

  private static ExtractedArticle generic(String head, String body) {
    String html = "<html><head>" + head + "</head><body><div class=\"story\">" + body + "</div></body></html>";
    return new ArticleExtractor().extract(URI.create("https://news.example.org/2024/06/18/harbour"),
        html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", null);
  }

  private static List<String> paragraphs(ExtractedArticle a) {
    return List.of(a.text().split("\n\n"));
  }

  @Test
  void sentenceStartingWithByIsStoryText() {
    // Given a story whose first paragraph begins with "By" but is a sentence
    String first = "By 2030, the harbour is expected to handle twice as many ships as today.";
    // When extracted
    ExtractedArticle a = generic("<title>Harbour plan</title>", "<p>" + first + "</p><p>" + STORY_1 + "</p>");
    // Then it is kept
    assertEquals(List.of(first, STORY_1), paragraphs(a));
  }

  @Test
  void bylineAndAdLabelAreDropped() {
    // Given a byline line above the story and an ad label inside it
    ExtractedArticle a = generic("<title>Harbour plan</title>",
        "<p>By Ana Lopez and Wei Chen</p><p>" + STORY_1 + "</p><div><span>Advertisement</span></div><p>" + STORY_2
            + "</p>");
    // Then only the story remains
    assertEquals(List.of(STORY_1, STORY_2), paragraphs(a));
  }

  @Test
  void centredLineIsCaptionOnlyUnderAPicture() {
    // Given a centred paragraph under an image and another centred paragraph that is story text
    String centredStory = "Officials said the first hearing would be held in the town hall on July 2.";
    ExtractedArticle a = generic("<title>Harbour plan</title>",
        "<p>" + STORY_1 + "</p><p align=\"center\"><img src=\"a.jpg\"></p><p align=\"center\">The old quay at dusk.</p>"
            + "<p style=\"text-align: center\">" + centredStory + "</p><p>" + STORY_2 + "</p>");
    // Then the caption goes and the other centred paragraph stays
    assertEquals(List.of(STORY_1, centredStory, STORY_2), paragraphs(a));
  }

  @Test
  void furnitureNameNeverRemovesTheStoryItself() {
    // Given the whole story inside a wrapper whose class looks like furniture
    ExtractedArticle a = generic("<title>Harbour plan</title>",
        "<div class=\"video-story\"><p>" + STORY_1 + "</p><p>" + STORY_2 + "</p></div>");
    // Then the story is kept
    assertEquals(List.of(STORY_1, STORY_2), paragraphs(a));
  }

  @Test
  void pullQuoteRepeatingTheBodyIsDropped() {
    // Given a quotation in the body and a pull quote repeating it
    String quote = "\"We want every resident to have a say before the first stone is laid,\" the chair said.";
    ExtractedArticle a = generic("<title>Harbour plan</title>", "<p>" + STORY_1 + "</p><p>" + quote
        + "</p><blockquote><p>“We want every resident to have a say before the first stone is laid.”</p></blockquote>"
        + "<p>" + STORY_2 + "</p>");
    // Then the quotation stays once
    assertEquals(List.of(STORY_1, quote, STORY_2), paragraphs(a));
  }

  @Test
  void titleElementLosesItsSiteNameAndJsonLdDateWins() {
    // Given no og:title or h1, a title element with a site suffix, and JSON-LD in a @graph with both dates
    String head = "<title>Harbour plan goes to public hearings | Example Gazette</title>"
        + "<script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"WebPage\"}, {\"@type\": \"NewsArticle\","
        + " \"dateModified\": \"2024-06-19T10:00:00Z\", \"datePublished\": \"2024-06-18T07:30:00-05:00\"}]}</script>";
    // When extracted
    ExtractedArticle a = generic(head, "<p>" + STORY_1 + "</p>");
    // Then the title is the headline and the date the published one, with its offset
    assertEquals("Harbour plan goes to public hearings", a.title());
    assertEquals("2024-06-18T07:30:00-05:00", a.publishedAt());
  }

  @Test
  void datelineWithoutCommaOrWithRegion() {
    // Given datelines "Shanghai (ECNS) --" and "LOS ANGELES, Calif., June 18 (Xinhua) --"
    ExtractedArticle ecns = generic("<title>T</title>", "<p>Shanghai (ECNS) -- " + STORY_1 + "</p>");
    ExtractedArticle xinhua = generic("<title>T</title>",
        "<p>LOS ANGELES, Calif., June 18 (Xinhua) -- " + STORY_1 + "</p>");
    // Then both are recognised
    assertEquals("Shanghai (ECNS)", ecns.dateline());
    assertEquals("LOS ANGELES, Calif., June 18 (Xinhua)", xinhua.dateline());
  }

  @Test
  void creditEndingMarksACaptionButAStoryQuotingAnAgencyStays() {
    // Given a caption ending in a photo credit and a story line that names an agency in brackets
    String agency = "The plan was first reported by a local paper (Harbour Times) last week.";
    ExtractedArticle a = generic("<title>T</title>", "<p>" + STORY_1 + "</p><p>Boats moored at the old quay, June 17,"
        + " 2024. (Xinhua/Li Ming)</p><p>" + agency + "</p>");
    // Then only the caption goes
    assertEquals(List.of(STORY_1, agency), paragraphs(a));
  }
}
