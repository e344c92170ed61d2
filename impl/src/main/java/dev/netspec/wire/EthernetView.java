package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/**
 * A view over an Ethernet II frame at index 0 of a buffer (no preamble, no FCS: the simulated
 * NIC strips both, as real NICs do).
 *
 * <pre>
 *  0                   6                   12      14      16      18
 *  +-------------------+-------------------+-------+-------+-------+------
 *  |  destination MAC  |    source MAC     | type  |            payload
 *  +-------------------+-------------------+-------+-------+-------+------
 *                                          | 8100  |  TCI  | type  | payload   (802.1Q tagged)
 * </pre>
 *
 * The type at offset 12 is 0x8100 when an IEEE 802.1Q tag follows; the tag control information
 * (TCI: 3-bit priority, 1-bit drop eligible, 12-bit VLAN id) and then the real EtherType.
 */
public final class EthernetView {
  public static final int DESTINATION = 0;
  public static final int SOURCE = 6;
  public static final int ETHER_TYPE = 12;
  /** Untagged header length. */
  public static final int HEADER_LEN = 14;
  /** With an 802.1Q tag: the TCI at 14 and the inner EtherType at 16. */
  public static final int TAGGED_HEADER_LEN = 18;
  public static final int VLAN_TCI = 14;
  public static final int INNER_ETHER_TYPE = 16;

  public static final int TYPE_IPV4 = 0x0800;
  public static final int TYPE_ARP = 0x0806;
  public static final int TYPE_VLAN = 0x8100;
  /** Type/length values at or below this are 802.3 lengths (IEEE 802.3 3.2.6). */
  public static final int MAX_LENGTH_FIELD = 1500;
  /** Minimum frame without FCS: shorter frames are padded on output (RFC 894). */
  public static final int MIN_FRAME_LEN = 60;

  private final Mbuf buf;

  private EthernetView(Mbuf buf) {
    this.buf = buf;
  }

  /** A view without checks: for frames this stack is building. */
  public static EthernetView wrapUnchecked(Mbuf buf) {
    return new EthernetView(buf);
  }

  /**
   * A view whose getters cannot run past the buffer: the frame is long enough for its header
   * (tagged or not). Semantic checks are {@link EthernetHeader#parse}'s.
   */
  public static Parsed<EthernetView> wrapChecked(Mbuf buf) {
    if (buf.readableBytes() < HEADER_LEN) {
      return Parsed.rejected(Rejection.ETH_TOO_SHORT);
    }
    if (buf.getU16(ETHER_TYPE) == TYPE_VLAN && buf.readableBytes() < TAGGED_HEADER_LEN) {
      return Parsed.rejected(Rejection.ETH_VLAN_TRUNCATED);
    }
    return Parsed.ok(new EthernetView(buf));
  }

  public MacAddr destination() {
    return MacAddr.read(buf, DESTINATION);
  }

  public MacAddr source() {
    return MacAddr.read(buf, SOURCE);
  }

  /** The type at offset 12 (0x8100 for a tagged frame). */
  public int outerEtherType() {
    return buf.getU16(ETHER_TYPE);
  }

  public boolean isTagged() {
    return outerEtherType() == TYPE_VLAN;
  }

  /** The EtherType of the payload, looking past an 802.1Q tag. */
  public int etherType() {
    return isTagged() ? buf.getU16(INNER_ETHER_TYPE) : outerEtherType();
  }

  /** The tag control information; only meaningful when {@link #isTagged()}. */
  public int vlanTci() {
    return buf.getU16(VLAN_TCI);
  }

  public int headerLen() {
    return isTagged() ? TAGGED_HEADER_LEN : HEADER_LEN;
  }

  public void setDestination(MacAddr a) {
    a.write(buf, DESTINATION);
  }

  public void setSource(MacAddr a) {
    a.write(buf, SOURCE);
  }

  public void setOuterEtherType(int t) {
    buf.setU16(ETHER_TYPE, t);
  }
}
