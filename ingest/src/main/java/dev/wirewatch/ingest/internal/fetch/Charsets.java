package dev.wirewatch.ingest.internal.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Charset names from headers and documents, and strict decoding used to test a guess. */
public final class Charsets {

  private static final Pattern HEADER_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([A-Za-z0-9._:\\-]+)");
  private static final Charset GB18030 = Charset.forName("GB18030");

  private Charsets() {
  }

  /** The charset named by a Content-Type header value, e.g. {@code text/html; charset=gbk}. */
  public static Optional<String> fromContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    Matcher m = HEADER_CHARSET.matcher(contentType);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * The charset to decode with for a declared name; GBK and GB2312 pages are decoded as GB18030, the superset
   * that also holds the characters real pages use beyond the declared set.
   */
  public static Optional<Charset> lookup(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("gbk") || n.equals("gb2312") || n.equals("x-gbk") || n.equals("cp936") || n.equals("gb_2312-80")
        || n.equals("euc-cn") || n.equals("gb18030")) {
      return Optional.of(GB18030);
    }
    if (n.equals("utf8")) {
      return Optional.of(StandardCharsets.UTF_8);
    }
    try {
      return Optional.of(Charset.forName(n));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }

  /** The charset a byte-order mark names, if the bytes start with one. */
  public static Optional<Charset> fromBom(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      return Optional.of(StandardCharsets.UTF_8);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      return Optional.of(StandardCharsets.UTF_16BE);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      return Optional.of(StandardCharsets.UTF_16LE);
    }
    return Optional.empty();
  }

  /** Decodes strictly; empty when the bytes are not valid in {@code charset}. */
  public static Optional<String> decodeStrict(byte[] bytes, Charset charset) {
    try {
      return Optional.of(charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Decodes, replacing what is not valid; drops a leading byte-order mark. */
  public static String decodeLenient(byte[] bytes, Charset charset) {
    String s = new String(bytes, charset);
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }

  /** True for single-byte Western charsets, the ones a UTF-8 document is most often mislabelled as. */
  public static boolean isSingleByteLatin(Charset charset) {
    String n = charset.name().toLowerCase(Locale.ROOT);
    return n.startsWith("iso-8859") || n.startsWith("windows-125") || n.equals("us-ascii");
  }

  /** True when the bytes contain anything beyond 7-bit ASCII. */
  public static boolean hasNonAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }
}
