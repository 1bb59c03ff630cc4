package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.ArticleInput;
import dev.wirewatch.classify.Verdict;
import dev.wirewatch.classify.internal.match.Hits;
import dev.wirewatch.classify.internal.match.PrefixIndex;
import dev.wirewatch.classify.internal.match.Rule;
import dev.wirewatch.schema.CoChair;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.Evidence;
import dev.wirewatch.schema.Location;
import dev.wirewatch.schema.Mention;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule engine behind {@code DialogueClassifier}: finds the sentences that name a human-rights dialogue
 * ({@link CueReader}), scores each as the report of a round ({@link CandidateReader}), and reads the fields of the
 * best one (status, {@link DateReader dates}, {@link PlaceReader place}, {@link RoundReader rounds}, {@link CoChairs
 * co-chairs}, {@link SlugReader topics and tone}). Stateless apart from the immutable {@link Lexicon}; safe to share
 * between threads.
 */
public final class Extractor {

  private static final Pattern TITLE_HR = Pattern.compile("(?i)human rights|人权");

  private final Lexicon lex;
  private final CueReader cues;
  private final CandidateReader candidates;
  private final PlaceReader places;
  private final RoundReader rounds;
  private final CoChairs coChairs;
  private final SlugReader slugs;
  private final TraditionalChinese traditional = new TraditionalChinese();
  /** Start words of every rule asked about a sentence, found in one pass per article. */
  private final PrefixIndex prefixIndex;

  public Extractor(Lexicon lexicon) {
    this.lex = lexicon;
    StatusReader status = new StatusReader(lexicon);
    ReportingCue reporting = new ReportingCue(lexicon);
    this.cues = new CueReader(lexicon, status);
    this.candidates = new CandidateReader(lexicon, cues, new DateReader(status, reporting));
    this.places = new PlaceReader(lexicon, reporting);
    this.rounds = new RoundReader(lexicon, cues, reporting);
    this.coChairs = new CoChairs(lexicon);
    this.slugs = new SlugReader(lexicon);
    List<Rule> indexed = new ArrayList<>(cues.rules());
    indexed.addAll(candidates.rules());
    indexed.addAll(slugs.rules());
    this.prefixIndex = new PrefixIndex(indexed);
  }

  /** Classifies one article. */
  public Verdict classify(ArticleInput in, String version) {
    String written = in.text() == null ? "" : in.text();
    String writtenTitle = in.title() == null ? "" : in.title();
    if (!CueReader.mayReportADialogue(writtenTitle, written)) {
      // Most wire copy never says "human rights" and a dialogue word: reject it with two substring scans.
      return new Verdict(in.id(), false, 0.01, version, null);
    }
    // The rules are written in simplified characters; offsets are mapped back into the text as written.
    Simplified simplified = traditional.simplify(written);
    String body = simplified.text();
    String title = traditional.simplify(writtenTitle).text();
    Text text = Text.of(body);
    String declared = in.dateline() == null ? null : traditional.simplify(in.dateline()).text();
    // "Today" in a story filed from Brussels in the evening is Brussels' day: the publication day is read in the
    // dateline city's zone, else on the clock the publication time is written in.
    LocalDate published = Datelines.publishedDay(in.publishedAt(), lex.zone(Datelines.city(declared, body)));
    Datelines.Dateline dateline = Datelines.dateline(declared, body, published);
    LocalDate ref = dateline.date() != null ? dateline.date() : published;
    boolean titleAnchor = cues.anchorsInTitle(title);
    Hits hits = new Hits(body, text.lower(), prefixIndex);
    List<CuedSentence> cued = cues.read(text, titleAnchor, hits);
    // Worked out once per article, not once per candidate sentence.
    boolean titleOnTopic = TITLE_HR.matcher(title).find() && (titleAnchor || lex.firstCounterpart(title) != null);
    Article article = new Article(text, title, dateline, ref, Datelines.prefixEnd(body), hits, new ArticleDates(body, text.lower(), ref),
        titleOnTopic, China.NAMED.matcher(title).find());
    Candidate best = candidates.best(article, cued);
    if (best == null || best.score() < CandidateReader.THRESHOLD) {
      double confidence = best == null ? 0.02 : CandidateReader.confidence(best.score());
      return new Verdict(in.id(), false, round3(Math.min(confidence, 0.49)), version, null);
    }
    DialogueEvent event = event(in, article, best, cued, version);
    if (simplified.changed()) {
      event = asWritten(event, simplified);
    }
    return new Verdict(in.id(), true, event.getConfidence(), version, event);
  }

  /** The round's record, every field read from the best candidate. */
  private DialogueEvent event(ArticleInput in, Article article, Candidate best, List<CuedSentence> cued, String version) {
    String body = article.body();
    String title = article.title();
    List<Evidence> evidence = new ArrayList<>();
    Anchor anchor = best.firstAnchor();
    String anchorText = anchor.span().of(body);
    String format = anchorText.toLowerCase(Locale.ROOT).contains("consult") || anchorText.contains("磋商") || anchorText.contains("谘商")
        || anchorText.contains("咨商") ? "consultation" : "dialogue";
    evidence.add(Evidences.of("format", body, anchor.span()));
    if (best.counterpartSpan() != null) {
      evidence.add(Evidences.of("counterparts", body, best.counterpartSpan()));
    }
    evidence.add(Evidences.of("status", body, best.status().span()));

    Integer round = null;
    for (CuedSentence n : best.cluster()) {
      Ordinals.Found r = RoundReader.ordinal(body, n.s().start(), n.ownEnd());
      if (r != null) {
        round = r.value();
        evidence.add(Evidences.of("round", body, r.start(), r.end()));
        break;
      }
    }
    if (round == null) {
      Ordinals.Found r = RoundReader.ordinal(title, 0, title.length());
      round = r == null ? null : r.value();
    }

    String startDate = null;
    String endDate = null;
    Dates.DateMention date = best.date();
    if (date != null && date.precision() == Dates.Precision.DAY) {
      startDate = date.from().toString();
      endDate = date.to().toString();
      evidence.add(Evidences.of("startDate", body, date.start(), date.end()));
      evidence.add(Evidences.of("endDate", body, date.start(), date.end()));
    }

    PlaceReader.Place place = places.read(article, best);
    Location location = null;
    if (place != null) {
      evidence.add(Evidences.of("location", body, place.span()));
      location = Location.newBuilder().setCity(place.city().name()).setCountry(place.city().country()).build();
    }

    List<CoChair> chairs = new ArrayList<>();
    List<Text.Sentence> sentences = best.cluster().stream().map(CuedSentence::s).toList();
    for (CoChairs.Found f : coChairs.ofRound(body, article.lower(), sentences, best.counterpart())) {
      chairs.add(CoChair.newBuilder().setName(f.name()).setTitle(f.title()).setSide(f.side()).build());
      evidence.add(Evidences.of("coChairs", body, f.start(), f.end()));
    }

    SlugReader.Slugs slugsRead = slugs.read(article, best, cued, evidence);
    RoundReader.Neighbours neighbours = rounds.neighbours(article, cued, best, round, evidence);

    List<String> counterparts = List.of(best.counterpart());
    Mention mention = Mention.newBuilder()
        .setArticleId(in.id())
        .setSource(in.source() == null ? "generic" : in.source())
        .setUrl(in.url() == null ? "" : in.url())
        .setPublishedAt(in.publishedAt())
        .setTitle(in.title())
        .build();
    return DialogueEvent.newBuilder()
        .setEventId(EventIds.eventId(counterparts, format, date, article.ref()))
        .setFormat(format)
        .setCounterparts(counterparts)
        .setStatus(best.status().kind())
        .setRound(round)
        .setStartDate(startDate)
        .setEndDate(endDate)
        .setLocation(location)
        .setCoChairs(chairs)
        .setTopics(slugsRead.topics())
        .setTone(slugsRead.tone())
        .setPreviousRound(neighbours.previous())
        .setNextRound(neighbours.next())
        .setEvidence(evidence)
        .setConfidence(round3(Math.max(0.5, CandidateReader.confidence(best.score()))))
        .setClassifierVersion(version)
        .setMentions(List.of(mention))
        .build();
  }

  /**
   * The event read from simplified text, told in the text as written: evidence quotes and offsets, and co-chairs'
   * names and titles, come from the original characters.
   */
  private static DialogueEvent asWritten(DialogueEvent event, Simplified text) {
    List<Evidence> evidence = new ArrayList<>();
    for (Evidence e : event.getEvidence()) {
      evidence.add(new Evidence(e.getField(), text.originalText(e.getStart(), e.getEnd()), text.originalStart(e.getStart()),
          text.originalEnd(e.getEnd())));
    }
    List<CoChair> chairs = new ArrayList<>();
    for (CoChair c : event.getCoChairs()) {
      chairs.add(CoChair.newBuilder(c).setName(asWritten(c.getName(), event.getEvidence(), text))
          .setTitle(asWritten(c.getTitle(), event.getEvidence(), text)).build());
    }
    return DialogueEvent.newBuilder(event).setEvidence(evidence).setCoChairs(chairs).build();
  }

  /** {@code value} as written in the original, found inside a co-chair's evidence; unchanged when not found there. */
  private static String asWritten(String value, List<Evidence> evidence, Simplified text) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    for (Evidence e : evidence) {
      int at = e.getField().equals("coChairs") ? e.getQuote().indexOf(value) : -1;
      if (at >= 0) {
        int start = e.getStart() + at;
        return text.originalText(start, start + value.length());
      }
    }
    return value;
  }

  private static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
