package dev.wirewatch.classify;

import dev.wirewatch.schema.DialogueMention;
import dev.wirewatch.schema.RawArticle;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Classifies one archived {@link RawArticle} into its {@link DialogueMention}, the record of
 * {@code dialogue-mentions}. The Streams application and the offline replay planner both call this, so
 * "what the classifier says about the archive" has exactly one definition.
 *
 * <p>Before classifying, {@code refresh} may bring the article up to date, e.g. extract its text again from
 * the archived page when the site profile has changed since it was fetched.
 */
public final class ArchiveClassifier {

  private final DialogueClassifier classifier;
  private final UnaryOperator<RawArticle> refresh;
  private final Consumer<Verdict> verdicts;

  public ArchiveClassifier(DialogueClassifier classifier, UnaryOperator<RawArticle> refresh) {
    this(classifier, refresh, verdict -> { });
  }

  private ArchiveClassifier(DialogueClassifier classifier, UnaryOperator<RawArticle> refresh, Consumer<Verdict> verdicts) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
  }

  /** The same classifier, telling {@code listener} every verdict it reaches (metrics count them by outcome). */
  public ArchiveClassifier observing(Consumer<Verdict> listener) {
    Objects.requireNonNull(listener, "listener");
    return new ArchiveClassifier(classifier, refresh, verdicts.andThen(listener));
  }

  /** Classifies articles as archived, without re-extraction. */
  public static ArchiveClassifier of(DialogueClassifier classifier) {
    return new ArchiveClassifier(classifier, UnaryOperator.identity());
  }

  /** The same classifier, counting every article it is about to classify in {@code counter}. */
  public ArchiveClassifier counting(java.util.concurrent.atomic.AtomicLong counter) {
    return new ArchiveClassifier(classifier, raw -> {
      counter.incrementAndGet();
      return refresh.apply(raw);
    }, verdicts);
  }

  public String version() {
    return classifier.version();
  }

  /** The article as it will be classified (after {@code refresh}). */
  public RawArticle refreshed(RawArticle raw) {
    return refresh.apply(raw);
  }

  /**
   * The mention this article is, or empty when it reports no dialogue.
   *
   * @param articleId the record key (the article's id)
   * @param raw the archived article, already refreshed
   */
  public Optional<DialogueMention> mentionOf(String articleId, RawArticle raw) {
    Objects.requireNonNull(articleId, "articleId");
    Objects.requireNonNull(raw, "raw");
    Verdict verdict = classifier.classify(new ArticleInput(articleId, raw.getSource(), raw.getUrl(), raw.getTitle(),
        raw.getPublishedAt(), raw.getDateline(), raw.getLanguage(), raw.getText() == null ? "" : raw.getText()));
    verdicts.accept(verdict);
    if (!verdict.isDialogue()) {
      return Optional.empty();
    }
    return Optional.of(DialogueMention.newBuilder()
        .setArticleId(articleId)
        .setClassifierVersion(verdict.classifierVersion())
        .setExtractorVersion(raw.getExtractorVersion())
        .setDialogue(verdict.dialogue())
        .build());
  }
}
