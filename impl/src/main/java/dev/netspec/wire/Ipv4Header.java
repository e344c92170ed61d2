package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/**
 * An IPv4 header (RFC 791 section 3.1) as a value. {@code payloadLength} is total length minus
 * header length, so that a header built for a payload does not need its own length worked out.
 *
 * <p>Fragmentation fields are carried but this stack does not reassemble: the input path counts
 * and drops fragments addressed to it (see {@code net.Ipv4Input}), while forwarding passes them
 * on untouched, as RFC 791 3.2 allows any gateway to.
 */
public record Ipv4Header(
    int dscpEcn,
    int identification,
    boolean dontFragment,
    boolean moreFragments,
    int fragmentOffset,
    int ttl,
    int protocol,
    Ipv4Addr source,
    Ipv4Addr destination,
    Ipv4Options options,
    int payloadLength) {

  /** RFC 1122 3.2.1.7 / RFC 1700: the recommended default TTL is 64. */
  public static final int DEFAULT_TTL = 64;

  public Ipv4Header {
    if (ttl < 0 || ttl > 255 || protocol < 0 || protocol > 255 || dscpEcn < 0 || dscpEcn > 255
        || identification < 0 || identification > 0xFFFF || fragmentOffset < 0
        || fragmentOffset > Ipv4View.FRAGMENT_OFFSET_MASK || payloadLength < 0) {
      throw new IllegalArgumentException("IPv4 header field out of range");
    }
    if (Ipv4View.MIN_HEADER_LEN + options.length() + payloadLength > 0xFFFF) {
      throw new IllegalArgumentException("IPv4 datagram longer than 65535: payload " + payloadLength);
    }
  }

  /** A plain header: no options, not fragmented, DF clear, default TTL. */
  public static Ipv4Header of(
      Ipv4Addr source, Ipv4Addr destination, int protocol, int identification, int payloadLength) {
    return new Ipv4Header(0, identification, false, false, 0, DEFAULT_TTL, protocol, source,
        destination, Ipv4Options.NONE, payloadLength);
  }

  /**
   * Validates the header at index 0 of {@code buf}; never throws on any bytes. Bytes after total
   * length (Ethernet padding) are allowed; the caller truncates them (RFC 1812 5.2.2 only rejects
   * datagrams shorter than their total length).
   */
  public static Parsed<Ipv4Header> parse(Mbuf buf) {
    int headerLen = validate(buf);
    if (headerLen < 0) {
      return Parsed.rejected(Rejection.fromCode(headerLen));
    }
    return Parsed.ok(read(buf, headerLen));
  }

  /**
   * The checks of {@link #parse}, without building anything: returns the header length (20..60)
   * if the header at index 0 is valid, otherwise the negative {@link Rejection#code()} of the
   * first rule it breaks. Never throws; allocates only when the header carries options. The
   * receive path calls this and reads the few fields it needs, so that a datagram costs no
   * objects (a record per packet is cheap only while the JIT happens to inline the parser).
   */
  public static int validate(Mbuf buf) {
    // The common header first: version 4, no options, every check passed. It is read as two
    // longs and an int, and those words give both the fields and the checksum (the sum of
    // 16-bit words mod 0xFFFF equals the sum of 32-bit words, RFC 1071 section 2 (B)). Any
    // header this does not accept goes through the full checks below, which find the rule it
    // breaks in parse's order; so the result is the same as theirs for every input.
    int have = buf.readableBytes();
    if (have >= Ipv4View.MIN_HEADER_LEN) {
      int o = buf.headerOffset(0, Ipv4View.MIN_HEADER_LEN);
      long w01 = buf.getI64Abs(o); // version/IHL, DSCP, total length | id, flags, fragment offset
      long w23 = buf.getI64Abs(o + 8); // TTL, protocol, checksum | source
      int w4 = buf.getI32Abs(o + 16); // destination
      int totalLength = (int) (w01 >>> 32) & 0xFFFF;
      int fragmentOffset = (int) w01 & Ipv4View.FRAGMENT_OFFSET_MASK;
      int src = (int) w23;
      if ((w01 >>> 56) == 0x45 && totalLength >= Ipv4View.MIN_HEADER_LEN && totalLength <= have
          && fragmentOffset * 8 + totalLength - Ipv4View.MIN_HEADER_LEN <= 0xFFFF
          && src != -1 && (src >>> 28) != 0xE) {
        long sum = (w01 >>> 32) + (w01 & 0xFFFF_FFFFL) + (w23 >>> 32) + (w23 & 0xFFFF_FFFFL)
            + (w4 & 0xFFFF_FFFFL);
        sum = (sum & 0xFFFF) + ((sum >>> 16) & 0xFFFF) + (sum >>> 32); // under 2^18
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        if (sum == 0xFFFF) {
          return Ipv4View.MIN_HEADER_LEN;
        }
      }
    }
    return validateFully(buf);
  }

  /**
   * {@link #validate}'s checks one by one, in {@link #parse}'s order (package-private: a property
   * test checks that {@link #validate}'s fast path always agrees with it).
   */
  static int validateFully(Mbuf buf) {
    // The checks of Ipv4View.wrapChecked, in its order, but with one range check for the fixed
    // header and then unchecked reads.
    int have = buf.readableBytes();
    if (have < Ipv4View.MIN_HEADER_LEN) {
      return Rejection.IPV4_TOO_SHORT.code();
    }
    int o = buf.headerOffset(0, Ipv4View.MIN_HEADER_LEN);
    int versionIhl = buf.getU8Abs(o + Ipv4View.VERSION_IHL);
    if (versionIhl >>> 4 != 4) {
      return Rejection.IPV4_BAD_VERSION.code();
    }
    int headerLen = (versionIhl & 0xF) * 4;
    if (headerLen < Ipv4View.MIN_HEADER_LEN) {
      return Rejection.IPV4_BAD_IHL.code();
    }
    if (have < headerLen) {
      return Rejection.IPV4_HEADER_TRUNCATED.code();
    }
    int totalLength = buf.getU16Abs(o + Ipv4View.TOTAL_LENGTH);
    if (totalLength < headerLen) {
      return Rejection.IPV4_BAD_TOTAL_LENGTH.code();
    }
    if (totalLength > have) {
      return Rejection.IPV4_TRUNCATED.code();
    }
    // RFC 1122 3.2.1.2: "A host MUST verify the IP header checksum on every received datagram and
    // silently discard every datagram that has a bad checksum."
    if (buf.onesComplementSum(0, headerLen, 0) != 0xFFFF) {
      return Rejection.IPV4_BAD_CHECKSUM.code();
    }
    if (headerLen > Ipv4View.MIN_HEADER_LEN && parseOptions(buf, headerLen) == null) {
      return Rejection.IPV4_BAD_OPTION.code();
    }
    // The last fragment byte must fit in a 65535-byte datagram (RFC 791 3.2: offset in 8-byte
    // units, total length of the reassembled datagram at most 65535).
    int fragmentOffset = buf.getU16Abs(o + Ipv4View.FLAGS_FRAGMENT) & Ipv4View.FRAGMENT_OFFSET_MASK;
    if (fragmentOffset * 8 + totalLength - headerLen > 0xFFFF) {
      return Rejection.IPV4_BAD_FRAGMENT.code();
    }
    int src = buf.getI32Abs(o + Ipv4View.SOURCE);
    if (src == -1 || (src >>> 28) == 0xE) { // limited broadcast or class D (RFC 1122 3.2.1.3)
      return Rejection.IPV4_BAD_SOURCE.code();
    }
    return headerLen;
  }

  /** The header at index 0 of {@code buf}, which {@link #validate} accepted with this length. */
  public static Ipv4Header read(Mbuf buf, int headerLen) {
    int o = buf.headerOffset(0, headerLen);
    Ipv4Options options = Ipv4Options.NONE; // the common case allocates nothing
    if (headerLen > Ipv4View.MIN_HEADER_LEN) {
      options = parseOptions(buf, headerLen);
    }
    int flagsFragment = buf.getU16Abs(o + Ipv4View.FLAGS_FRAGMENT);
    return new Ipv4Header(buf.getU8Abs(o + Ipv4View.DSCP_ECN),
        buf.getU16Abs(o + Ipv4View.IDENTIFICATION), (flagsFragment & Ipv4View.FLAG_DF) != 0,
        (flagsFragment & Ipv4View.FLAG_MF) != 0, flagsFragment & Ipv4View.FRAGMENT_OFFSET_MASK,
        buf.getU8Abs(o + Ipv4View.TTL), buf.getU8Abs(o + Ipv4View.PROTOCOL),
        new Ipv4Addr(buf.getI32Abs(o + Ipv4View.SOURCE)),
        new Ipv4Addr(buf.getI32Abs(o + Ipv4View.DESTINATION)), options,
        buf.getU16Abs(o + Ipv4View.TOTAL_LENGTH) - headerLen);
  }

  /** The options of a header of {@code headerLen} bytes, or null if they are malformed. */
  private static Ipv4Options parseOptions(Mbuf buf, int headerLen) {
    byte[] opts = new byte[headerLen - Ipv4View.MIN_HEADER_LEN];
    buf.getBytes(Ipv4View.OPTIONS, opts, 0, opts.length);
    return Ipv4Options.wellFormed(opts) ? Ipv4Options.of(opts) : null;
  }

  public int headerLen() {
    return Ipv4View.MIN_HEADER_LEN + options.length();
  }

  public int totalLength() {
    return headerLen() + payloadLength;
  }

  /** Whether this datagram is a fragment (MF set or a non-zero offset). */
  public boolean isFragment() {
    return moreFragments || fragmentOffset != 0;
  }

  /** This header with another TTL. */
  public Ipv4Header withTtl(int newTtl) {
    return new Ipv4Header(dscpEcn, identification, dontFragment, moreFragments, fragmentOffset,
        newTtl, protocol, source, destination, options, payloadLength);
  }

  /** Writes the header, checksum included, at index 0 of {@code buf}. */
  public void emit(Mbuf buf) {
    Ipv4View v = Ipv4View.wrapUnchecked(buf);
    v.setVersionIhl(headerLen() / 4);
    buf.setU8(Ipv4View.DSCP_ECN, dscpEcn);
    v.setTotalLength(totalLength());
    buf.setU16(Ipv4View.IDENTIFICATION, identification);
    buf.setU16(Ipv4View.FLAGS_FRAGMENT, (dontFragment ? Ipv4View.FLAG_DF : 0)
        | (moreFragments ? Ipv4View.FLAG_MF : 0) | fragmentOffset);
    v.setTtl(ttl);
    buf.setU8(Ipv4View.PROTOCOL, protocol);
    v.setSource(source);
    v.setDestination(destination);
    byte[] opts = options.toByteArray();
    buf.setBytes(Ipv4View.OPTIONS, opts, 0, opts.length);
    v.fillChecksum();
  }

  /** Prepends this header in front of the payload already in {@code buf}. */
  public void prependTo(Mbuf buf) {
    buf.prepend(headerLen());
    emit(buf);
  }
}
