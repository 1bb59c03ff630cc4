package dev.wirewatch.ingest.internal.fetch;

import java.net.InetAddress;

/**
 * Addresses that lead into the machine or its network rather than to the public web. An IPv6 address that
 * carries an IPv4 address (IPv4-compatible, IPv4-mapped, NAT64, 6to4, Teredo) is judged by the IPv4 address it
 * carries: {@code 64:ff9b::a9fe:a9fe} reaches 169.254.169.254 through a NAT64 gateway just as surely as the
 * IPv4 literal does.
 */
final class InternalAddresses {

  private InternalAddresses() {
  }

  /** Why {@code address} is internal (e.g. {@code loopback}), or null when it is a public address. */
  static String why(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 ? ipv4(b, 0) : ipv6(b);
  }

  /** The IPv4 address at {@code b[at..at+3]}. */
  private static String ipv4(byte[] b, int at) {
    int first = b[at] & 0xFF;
    int second = b[at + 1] & 0xFF;
    if (first == 127) {
      return "loopback";
    }
    if (first == 10 || first == 172 && second >= 16 && second < 32 || first == 192 && second == 168) {
      return "private";
    }
    if (first == 169 && second == 254) {
      return "link-local, cloud metadata";
    }
    if (first == 100 && second >= 64 && second < 128) {
      return "shared address space (CGNAT)";
    }
    if (first == 0) {
      return "unspecified";
    }
    if (first >= 224 && first < 240) {
      return "multicast";
    }
    if (first >= 240) {
      return "reserved or broadcast";
    }
    return null;
  }

  private static String ipv6(byte[] b) {
    if (zero(b, 0, 10)) {
      if (zero(b, 10, 12)) {
        // ::/96 holds :: and ::1 as well as the deprecated IPv4-compatible form ::a.b.c.d.
        return zero(b, 12, 15) && (b[15] == 0 || b[15] == 1) ? (b[15] == 0 ? "unspecified" : "loopback")
            : embedded("IPv4-compatible", b, 12, false);
      }
      if ((b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
        return embedded("IPv4-mapped", b, 12, false);
      }
    }
    int w0 = word(b, 0);
    int w1 = word(b, 2);
    if (w0 == 0x0064 && w1 == 0xff9b) {
      if (zero(b, 4, 12)) {
        return embedded("NAT64", b, 12, false);
      }
      if (word(b, 4) == 0x0001) {
        return "local-use NAT64 (64:ff9b:1::/48)";
      }
    }
    if (w0 == 0x2002) {
      return embedded("6to4", b, 2, false);
    }
    if (w0 == 0x2001 && w1 == 0x0000) {
      // Teredo: the server's IPv4 address in bits 32-63, the client's, inverted, in the last 32 bits.
      String server = embedded("Teredo server", b, 4, false);
      return server != null ? server : embedded("Teredo client", b, 12, true);
    }
    if ((b[0] & 0xFE) == 0xFC) {
      return "unique local (fc00::/7)";
    }
    if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0x80) {
      return "link-local (fe80::/10)";
    }
    if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0xC0) {
      return "site-local (fec0::/10)";
    }
    if ((b[0] & 0xFF) == 0xFF) {
      return "multicast";
    }
    return null;
  }

  private static String embedded(String form, byte[] b, int at, boolean inverted) {
    byte[] v4 = new byte[4];
    for (int i = 0; i < 4; i++) {
      v4[i] = (byte) (inverted ? ~b[at + i] : b[at + i]);
    }
    String why = ipv4(v4, 0);
    return why == null ? null : form + " address of " + (v4[0] & 0xFF) + "." + (v4[1] & 0xFF) + "."
        + (v4[2] & 0xFF) + "." + (v4[3] & 0xFF) + ", " + why;
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static int word(byte[] b, int at) {
    return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
  }
}
