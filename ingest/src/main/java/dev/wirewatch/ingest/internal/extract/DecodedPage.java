package dev.wirewatch.ingest.internal.extract;

/**
 * A page as text.
 *
 * @param html the decoded page
 * @param declaredCharset the charset the page declared (HTTP header, else meta), or null when it declared none
 */
public record DecodedPage(String html, String declaredCharset) {
}
