package dev.wirewatch.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of hostile documents for the property tests: noise, mutations of real shapes, cuts, nesting. */
public final class HostileBytes {

  /** Pieces that break markup in interesting ways when dropped into a document. */
  private static final List<String> TOKENS = List.of("<", ">", "&", "&amp", "&#0;", "&#xD800;", "&#x110000;",
      "&#99999999;", "&nbsp;", "&bogus;", "]]>", "<![CDATA[", "<!--", "-->", "<?xml version=\"1.0\"?>",
      "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>", "<!ENTITY b SYSTEM \"file:///etc/passwd\">", "&a;", "\u0000",
      "\uFFFF", "\uFEFF", "\uD800", "<item>", "</item>", "</channel>", "<entry>", "<p>", "</div>", "<script>",
      "<meta charset=\"x-bogus\">", "<meta charset=\"utf-32\">", " encoding=\"UTF-16\"", "\r\n", "\"", "'",
      "<title>", "</title>", "<link>", "<a href=\"javascript:x\">", "<a href=\"http://[::1\">");

  private HostileBytes() {
  }

  /** Any bytes, up to {@code maxSize}. */
  public static Arbitrary<byte[]> noise(int maxSize) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
  }

  /** One edit of a document: what, where (fraction of its length), how much, and what to insert. */
  private record Edit(int kind, double at, double span, String token, byte value) {

    byte[] apply(byte[] doc) {
      int pos = (int) (at * doc.length);
      int len = Math.min(doc.length - pos, (int) (span * 64));
      ByteArrayOutputStream out = new ByteArrayOutputStream(doc.length + 64);
      out.write(doc, 0, pos);
      switch (kind) {
        case 0 -> out.write(doc, pos + len, doc.length - pos - len); // delete
        case 1 -> { // duplicate
          out.write(doc, pos, len);
          out.write(doc, pos, doc.length - pos);
        }
        case 2 -> { // insert a token
          out.writeBytes(token.getBytes(StandardCharsets.UTF_8));
          out.write(doc, pos, doc.length - pos);
        }
        default -> { // overwrite one byte
          out.write(value);
          if (pos < doc.length) {
            out.write(doc, pos + 1, doc.length - pos - 1);
          }
        }
      }
      return out.toByteArray();
    }
  }

  /** {@code seed} with one to eight edits: spans deleted or repeated, tokens inserted, bytes overwritten. */
  public static Arbitrary<byte[]> mutated(byte[] seed) {
    Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1), Arbitraries.of(TOKENS),
        Arbitraries.bytes()).as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(8).map(edits -> {
      byte[] doc = seed;
      for (Edit e : edits) {
        doc = e.apply(doc);
      }
      return doc;
    });
  }

  /** A prefix of {@code seed}, cut anywhere (inside a tag, an entity, a multi-byte character). */
  public static Arbitrary<byte[]> truncated(byte[] seed) {
    return Arbitraries.integers().between(0, seed.length).map(n -> Arrays.copyOf(seed, n));
  }

  /** {@code depth} copies of {@code open}, then {@code middle}, then (when closed) as many {@code close}. */
  public static byte[] nested(String prefix, String open, String middle, String close, String suffix, int depth,
      boolean closed) {
    StringBuilder s = new StringBuilder(prefix);
    s.append(open.repeat(depth)).append(middle);
    if (closed) {
      s.append(close.repeat(depth));
    }
    return s.append(suffix).toString().getBytes(StandardCharsets.UTF_8);
  }
}
