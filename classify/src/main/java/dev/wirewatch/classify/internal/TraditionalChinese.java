package dev.wirewatch.classify.internal;

import com.ibm.icu.text.Transliterator;

/**
 * Reads traditional Chinese as simplified, so that one set of rules serves both scripts: every CJK ideograph goes
 * through ICU's Traditional-Simplified transform on its own, and the result keeps a map back to the original
 * offsets. Converting character by character (not the whole text) is what makes the map exact; ICU's transform maps
 * characters, not words, so the text is the same either way. Safe to share between threads.
 */
final class TraditionalChinese {

  private static final String TRANSFORM = "Traditional-Simplified";

  /** Simplified form per BMP character once looked up (the character itself when it has no other); null = not yet. */
  private final String[] forms = new String[Character.MAX_VALUE + 1];
  private Transliterator transliterator;

  /** The text in simplified characters, with offsets back into {@code text}. */
  Simplified simplify(String text) {
    char[] out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isIdeograph(c)) {
        continue;
      }
      String form = formOf(c);
      if (form.length() == 1 && form.charAt(0) == c) {
        continue;
      }
      if (form.length() != 1) {
        // Not seen with the shipped ICU data for any BMP ideograph; kept correct, not fast.
        return Simplified.remapped(text, ch -> formOf((char) ch));
      }
      if (out == null) {
        out = text.toCharArray();
      }
      out[i] = form.charAt(0);
    }
    return out == null ? Simplified.unchanged(text) : Simplified.sameLength(text, new String(out));
  }

  /** The simplified form of {@code c}, which may be {@code c} itself. */
  private String formOf(char c) {
    if (!isIdeograph(c)) {
      return String.valueOf(c);
    }
    String known = forms[c];
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (transliterator == null) {
        // Built on the first ideograph: English copy never pays for ICU's transform data.
        transliterator = Transliterator.getInstance(TRANSFORM);
      }
      String form = transliterator.transliterate(String.valueOf(c));
      forms[c] = form;
      return form;
    }
  }

  /** CJK unified ideographs (with extension A) and compatibility ideographs: the characters the transform changes. */
  private static boolean isIdeograph(char c) {
    return c >= '\u3400' && c <= '\u9fff' || c >= '\uf900' && c <= '\ufaff';
  }
}
