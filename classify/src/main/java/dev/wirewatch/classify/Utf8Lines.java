package dev.wirewatch.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The lines of a UTF-8 text, read from bytes so that a fault can name its line: invalid UTF-8 (a binary file,
 * a Latin-1 export) is a {@link BadInputException} naming the input, the line and the byte, never a decoder
 * exception without a place; and a line longer than {@code maxLineBytes} is one too, so that a file without
 * newlines cannot make the reader allocate without bound. Lines end with LF or CRLF; a leading byte-order mark
 * is skipped.
 */
final class Utf8Lines {

  private static final int BOM_1 = 0xEF;
  private static final int BOM_2 = 0xBB;
  private static final int BOM_3 = 0xBF;

  private final InputStream in;
  private final String name;
  private final int maxLineBytes;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] chunk = new byte[64 * 1024];
  private int chunkPos;
  private int chunkLen;
  private byte[] line = new byte[1024];
  private long number;
  private boolean started;

  Utf8Lines(InputStream in, String name, int maxLineBytes) {
    this.in = Objects.requireNonNull(in, "in");
    this.name = Objects.requireNonNull(name, "name");
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** The number of the line {@link #next()} returned last (1-based). */
  long number() {
    return number;
  }

  /** Where the last line is, for messages: "articles.jsonl line 3". */
  String where() {
    return name + " line " + number;
  }

  /** The next line without its terminator, or null at the end of the input. */
  String next() throws IOException, BadInputException {
    int length = 0;
    boolean any = false;
    while (true) {
      if (chunkPos == chunkLen) {
        chunkLen = in.read(chunk);
        chunkPos = 0;
        if (chunkLen <= 0) {
          chunkLen = 0;
          if (!any) {
            return null;
          }
          break;
        }
        if (!started) {
          started = true;
          if (chunkLen >= 3 && (chunk[0] & 0xff) == BOM_1 && (chunk[1] & 0xff) == BOM_2 && (chunk[2] & 0xff) == BOM_3) {
            chunkPos = 3;
          }
        }
      }
      any = true;
      byte b = chunk[chunkPos++];
      if (b == '\n') {
        break;
      }
      if (length == maxLineBytes) {
        number++;
        throw new BadInputException(where() + ": longer than " + maxLineBytes + " bytes (is it JSON Lines?)");
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, 2L * line.length));
      }
      line[length++] = b;
    }
    number++;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return decode(length);
  }

  private String decode(int length) throws BadInputException {
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
    CharBuffer chars = CharBuffer.allocate(length);
    decoder.reset();
    CoderResult result = decoder.decode(bytes, chars, true);
    if (!result.isError()) {
      result = decoder.flush(chars);
    }
    if (result.isError()) {
      int at = bytes.position();
      throw new BadInputException(where() + ": not UTF-8 text (byte 0x"
          + String.format("%02X", line[Math.min(at, length - 1)] & 0xff) + " at byte " + (at + 1)
          + " of the line); classify reads JSON Lines in UTF-8");
    }
    chars.flip();
    return chars.toString();
  }
}
