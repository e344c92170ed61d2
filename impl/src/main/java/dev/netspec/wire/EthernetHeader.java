package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/**
 * An Ethernet II header (RFC 894 framing of IP), optionally with an IEEE 802.1Q VLAN tag.
 *
 * @param vlan the tag, or {@code null} for an untagged frame
 */
public record EthernetHeader(MacAddr destination, MacAddr source, VlanTag vlan, int etherType) {

  /** An 802.1Q tag: priority code point (3 bits), drop eligible (1 bit), VLAN id (12 bits). */
  public record VlanTag(int priority, boolean dropEligible, int vlanId) {
    public VlanTag {
      if (priority < 0 || priority > 7 || vlanId < 0 || vlanId > 0xFFF) {
        throw new IllegalArgumentException("bad 802.1Q tag: pcp=" + priority + ", vid=" + vlanId);
      }
    }

    static VlanTag ofTci(int tci) {
      return new VlanTag(tci >>> 13, ((tci >>> 12) & 1) != 0, tci & 0xFFF);
    }

    int tci() {
      return (priority << 13) | (dropEligible ? 1 << 12 : 0) | vlanId;
    }
  }

  public EthernetHeader {
    if (etherType <= EthernetView.MAX_LENGTH_FIELD || etherType > 0xFFFF
        || etherType == EthernetView.TYPE_VLAN) {
      throw new IllegalArgumentException("not an Ethernet II payload type: 0x"
          + Integer.toHexString(etherType));
    }
  }

  /** An untagged header. */
  public static EthernetHeader of(MacAddr destination, MacAddr source, int etherType) {
    return new EthernetHeader(destination, source, null, etherType);
  }

  /** Validates the frame at index 0 of {@code buf}; never throws on any bytes. */
  public static Parsed<EthernetHeader> parse(Mbuf buf) {
    // EthernetView.wrapChecked's checks, in its order, with one range check per header length.
    int have = buf.readableBytes();
    if (have < EthernetView.HEADER_LEN) {
      return Parsed.rejected(Rejection.ETH_TOO_SHORT);
    }
    int o = buf.headerOffset(0, EthernetView.HEADER_LEN);
    int etherType = buf.getU16Abs(o + EthernetView.ETHER_TYPE);
    VlanTag tag = null;
    if (etherType == EthernetView.TYPE_VLAN) {
      if (have < EthernetView.TAGGED_HEADER_LEN) {
        return Parsed.rejected(Rejection.ETH_VLAN_TRUNCATED);
      }
      o = buf.headerOffset(0, EthernetView.TAGGED_HEADER_LEN);
      tag = VlanTag.ofTci(buf.getU16Abs(o + EthernetView.VLAN_TCI));
      etherType = buf.getU16Abs(o + EthernetView.INNER_ETHER_TYPE);
      if (etherType == EthernetView.TYPE_VLAN) {
        return Parsed.rejected(Rejection.ETH_NESTED_VLAN);
      }
    }
    if (etherType <= EthernetView.MAX_LENGTH_FIELD) {
      return Parsed.rejected(Rejection.ETH_LENGTH_FIELD);
    }
    return Parsed.ok(new EthernetHeader(macAt(buf, o + EthernetView.DESTINATION),
        macAt(buf, o + EthernetView.SOURCE), tag, etherType));
  }

  private static MacAddr macAt(Mbuf buf, int abs) {
    return new MacAddr(((long) buf.getU16Abs(abs) << 32) | (buf.getI32Abs(abs + 2) & 0xFFFF_FFFFL));
  }

  /** 14, or 18 with a tag. */
  public int headerLen() {
    return vlan == null ? EthernetView.HEADER_LEN : EthernetView.TAGGED_HEADER_LEN;
  }

  /** Writes this header at index 0 of {@code buf}, which must hold at least headerLen() bytes. */
  public void emit(Mbuf buf) {
    EthernetView v = EthernetView.wrapUnchecked(buf);
    v.setDestination(destination);
    v.setSource(source);
    if (vlan == null) {
      v.setOuterEtherType(etherType);
    } else {
      v.setOuterEtherType(EthernetView.TYPE_VLAN);
      buf.setU16(EthernetView.VLAN_TCI, vlan.tci());
      buf.setU16(EthernetView.INNER_ETHER_TYPE, etherType);
    }
  }

  /** Prepends this header in front of the payload already in {@code buf}. */
  public void prependTo(Mbuf buf) {
    buf.prepend(headerLen());
    emit(buf);
  }
}
