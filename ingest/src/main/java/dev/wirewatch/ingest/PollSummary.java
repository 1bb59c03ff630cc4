package dev.wirewatch.ingest;

/**
 * Counts of one {@link IngestService#pollAllOnce()} round.
 *
 * @param feedsPolled feeds polled
 * @param feedsFailed feeds whose poll failed (the FeedStatus of each says why)
 * @param itemsSeen feed items seen over all feeds
 * @param articlesNew articles produced for the first time
 * @param articlesChanged articles produced again because their content changed
 * @param articlesFailed article pages that could not be fetched or extracted
 */
public record PollSummary(int feedsPolled, int feedsFailed, int itemsSeen, int articlesNew, int articlesChanged,
    int articlesFailed) {
}
