package dev.wirewatch.ingest.internal.poll;

/**
 * Counts of one feed poll.
 *
 * @param ok the feed was fetched (or was unchanged) and parsed
 * @param itemsSeen items in the feed
 * @param articlesNew articles produced for the first time
 * @param articlesChanged articles produced again with changed content
 * @param articlesFailed article pages that could not be fetched or extracted
 */
public record FeedOutcome(boolean ok, int itemsSeen, int articlesNew, int articlesChanged, int articlesFailed) {
}
