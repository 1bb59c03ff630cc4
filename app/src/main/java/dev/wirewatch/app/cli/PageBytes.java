package dev.wirewatch.app.cli;

import java.util.Optional;

/**
 * Tells a saved page from a binary file (an image, a PDF, an archive) before extraction, which would otherwise
 * turn the bytes into an "article" of garbage. HTML in any single- or multi-byte charset wirewatch decodes has
 * no NUL bytes and few control characters; UTF-16 pages, which do have NULs, start with a byte-order mark.
 */
final class PageBytes {

  /** How much of the page is looked at: binary formats show themselves in their first bytes. */
  static final int SNIFF_BYTES = 8192;
  /** Share of control characters (other than tab, line feed, form feed, carriage return, escape) above which a page is binary. */
  private static final double MAX_CONTROL_SHARE = 0.05;

  private PageBytes() {
  }

  /** Why {@code page} is not a text page, or empty when it may be one. */
  static Optional<String> binaryReason(byte[] page) {
    if (page.length == 0) {
      return Optional.of("the file is empty");
    }
    if (startsWith(page, 0xFE, 0xFF) || startsWith(page, 0xFF, 0xFE)) {
      return Optional.empty(); // UTF-16 with a byte-order mark: NULs are expected
    }
    int n = Math.min(page.length, SNIFF_BYTES);
    int controls = 0;
    for (int i = 0; i < n; i++) {
      int b = page[i] & 0xff;
      if (b == 0) {
        return Optional.of("it holds NUL bytes (at byte " + (i + 1) + "), so it is binary");
      }
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r' && b != 0x1B || b == 0x7F) {
        controls++;
      }
    }
    if (controls > n * MAX_CONTROL_SHARE) {
      return Optional.of(controls + " of its first " + n + " bytes are control characters, so it is binary");
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] page, int first, int second) {
    return page.length >= 2 && (page[0] & 0xff) == first && (page[1] & 0xff) == second;
  }
}
