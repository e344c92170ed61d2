package dev.netspec.wire;

/**
 * Every reason a parser rejects a header, each with the rule it enforces. The constants name
 * the protocol first, so that a drop counter keyed by this enum reads as a table per layer.
 */
public enum Rejection {
  // ---- Ethernet II (IEEE 802.3 clause 3.2.6 / RFC 894) and 802.1Q
  ETH_TOO_SHORT("IEEE 802.3 3.1.1", "frame shorter than the 14-byte Ethernet II header"),
  ETH_LENGTH_FIELD("IEEE 802.3 3.2.6",
      "type/length field <= 1500 is an 802.3 length (LLC frame), not an Ethernet II type"),
  ETH_VLAN_TRUNCATED("IEEE 802.1Q 9.3", "802.1Q tag present but the frame ends inside it"),
  ETH_NESTED_VLAN("IEEE 802.1Q 9.3", "a second 802.1Q tag inside the first (QinQ unsupported)"),

  // ---- ARP (RFC 826, "Packet format")
  ARP_TOO_SHORT("RFC 826 Packet format", "shorter than 28 bytes (Ethernet/IPv4 ARP)"),
  ARP_UNSUPPORTED_HARDWARE("RFC 826 Packet Reception", "ar$hrd is not 1 (Ethernet)"),
  ARP_UNSUPPORTED_PROTOCOL("RFC 826 Packet Reception", "ar$pro is not 0x0800 (IPv4)"),
  ARP_BAD_ADDRESS_LENGTH("RFC 826 Packet format", "ar$hln is not 6 or ar$pln is not 4"),
  ARP_UNKNOWN_OPERATION("RFC 826 Packet format", "ar$op is neither 1 (request) nor 2 (reply)"),

  // ---- IPv4 (RFC 791 section 3.1; RFC 1122 3.2.1; RFC 1812 5.2.2)
  IPV4_TOO_SHORT("RFC 791 3.1", "shorter than the 20-byte minimum header"),
  IPV4_BAD_VERSION("RFC 1122 3.2.1.1", "version field is not 4"),
  IPV4_BAD_IHL("RFC 791 3.1", "IHL below 5 (a header is at least five 32-bit words)"),
  IPV4_HEADER_TRUNCATED("RFC 791 3.1", "buffer ends before IHL*4 bytes of header"),
  IPV4_BAD_TOTAL_LENGTH("RFC 1812 5.2.2", "total length smaller than the header length"),
  IPV4_TRUNCATED("RFC 1812 5.2.2", "total length larger than the bytes received"),
  IPV4_BAD_CHECKSUM("RFC 1122 3.2.1.2", "header checksum does not verify"),
  IPV4_BAD_OPTION("RFC 791 3.1 Options", "an option's length runs past the header or is < 2"),
  IPV4_BAD_FRAGMENT("RFC 791 3.2", "fragment would end beyond 65535 bytes"),
  IPV4_BAD_SOURCE("RFC 1812 5.3.7", "source address is broadcast or multicast"),

  // ---- ICMP (RFC 792; RFC 1122 3.2.2)
  ICMP_TOO_SHORT("RFC 792", "shorter than the 8-byte ICMP header"),
  ICMP_BAD_CHECKSUM("RFC 792", "checksum over the ICMP message does not verify"),
  ICMP_UNSUPPORTED_TYPE("RFC 1122 3.2.2", "unknown type: MUST be silently discarded"),
  ICMP_BAD_CODE("RFC 792 Echo or Echo Reply Message", "echo message with a code other than 0"),

  // ---- UDP (RFC 768; RFC 1122 4.1.3.4)
  UDP_TOO_SHORT("RFC 768", "shorter than the 8-byte UDP header"),
  UDP_BAD_LENGTH("RFC 768", "length field below 8 or larger than the IP payload"),
  UDP_BAD_CHECKSUM("RFC 1122 4.1.3.4", "non-zero checksum does not verify: MUST discard"),

  // ---- TCP (RFC 9293 3.1; options RFC 9293 3.2, RFC 7323, RFC 2018)
  TCP_TOO_SHORT("RFC 9293 3.1", "shorter than the 20-byte TCP header"),
  TCP_BAD_DATA_OFFSET("RFC 9293 3.1", "data offset below 5 words"),
  TCP_HEADER_TRUNCATED("RFC 9293 3.1", "data offset runs past the end of the segment"),
  TCP_BAD_CHECKSUM("RFC 9293 3.1 MUST-3", "checksum over pseudo-header and segment does not verify"),
  TCP_NOT_UNICAST("RFC 1122 4.2.3.10", "segment to a broadcast or multicast address: MUST discard"),
  TCP_BAD_OPTION_LENGTH("RFC 9293 3.1 MUST-7",
      "an option's length is below 2 or runs past the header"),
  TCP_BAD_MSS_OPTION("RFC 9293 3.2", "MSS option whose length is not 4"),
  TCP_BAD_WINDOW_SCALE_OPTION("RFC 7323 2.2", "window scale option whose length is not 3"),
  TCP_BAD_SACK_OPTION("RFC 2018 2, 3",
      "SACK-permitted length not 2, or SACK length not 2 + 8n with 1 <= n <= 4"),
  TCP_BAD_TIMESTAMPS_OPTION("RFC 7323 3.2", "timestamps option whose length is not 10");

  private final String rfc;
  private final String description;

  Rejection(String rfc, String description) {
    this.rfc = rfc;
    this.description = description;
  }

  /** The document and section whose rule this rejection enforces. */
  public String rfc() {
    return rfc;
  }

  /** What was wrong with the bytes, in words. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return name() + " (" + rfc + ": " + description + ")";
  }

  private static final Rejection[] BY_ORDINAL = values();

  /**
   * This rejection as a negative int, {@code -1 - ordinal()}, for validators that return a
   * length when the bytes are valid and must not allocate on the receive path.
   */
  public int code() {
    return -1 - ordinal();
  }

  /** The rejection whose {@link #code()} is {@code code} (a negative number). */
  public static Rejection fromCode(int code) {
    return BY_ORDINAL[-1 - code];
  }
}
