package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/**
 * A view over an ARP packet for Ethernet and IPv4 (RFC 826 "Packet format"; field names from the
 * RFC in comments).
 *
 * <pre>
 *  0       2       4   5   6       8            14        18           24        28
 *  +-------+-------+---+---+-------+------------+---------+------------+---------+
 *  | $hrd  | $pro  |hln|pln|  $op  |   $sha     |  $spa   |   $tha     |  $tpa   |
 *  +-------+-------+---+---+-------+------------+---------+------------+---------+
 * </pre>
 */
public final class ArpView {
  public static final int HARDWARE_TYPE = 0; // ar$hrd
  public static final int PROTOCOL_TYPE = 2; // ar$pro
  public static final int HARDWARE_LEN = 4; // ar$hln
  public static final int PROTOCOL_LEN = 5; // ar$pln
  public static final int OPERATION = 6; // ar$op
  public static final int SENDER_HW = 8; // ar$sha
  public static final int SENDER_IP = 14; // ar$spa
  public static final int TARGET_HW = 18; // ar$tha
  public static final int TARGET_IP = 24; // ar$tpa
  public static final int PACKET_LEN = 28;

  public static final int HTYPE_ETHERNET = 1;
  public static final int OP_REQUEST = 1;
  public static final int OP_REPLY = 2;

  private final Mbuf buf;

  private ArpView(Mbuf buf) {
    this.buf = buf;
  }

  public static ArpView wrapUnchecked(Mbuf buf) {
    return new ArpView(buf);
  }

  /** A view whose getters stay inside the buffer (at least 28 bytes). */
  public static Parsed<ArpView> wrapChecked(Mbuf buf) {
    return buf.readableBytes() < PACKET_LEN
        ? Parsed.rejected(Rejection.ARP_TOO_SHORT)
        : Parsed.ok(new ArpView(buf));
  }

  public int hardwareType() {
    return buf.getU16(HARDWARE_TYPE);
  }

  public int protocolType() {
    return buf.getU16(PROTOCOL_TYPE);
  }

  public int hardwareLen() {
    return buf.getU8(HARDWARE_LEN);
  }

  public int protocolLen() {
    return buf.getU8(PROTOCOL_LEN);
  }

  public int operation() {
    return buf.getU16(OPERATION);
  }

  public MacAddr senderHw() {
    return MacAddr.read(buf, SENDER_HW);
  }

  public Ipv4Addr senderIp() {
    return Ipv4Addr.read(buf, SENDER_IP);
  }

  public MacAddr targetHw() {
    return MacAddr.read(buf, TARGET_HW);
  }

  public Ipv4Addr targetIp() {
    return Ipv4Addr.read(buf, TARGET_IP);
  }

  void setFixedFields(int operation) {
    buf.setU16(HARDWARE_TYPE, HTYPE_ETHERNET);
    buf.setU16(PROTOCOL_TYPE, EthernetView.TYPE_IPV4);
    buf.setU8(HARDWARE_LEN, 6);
    buf.setU8(PROTOCOL_LEN, 4);
    buf.setU16(OPERATION, operation);
  }

  void setAddresses(MacAddr sha, Ipv4Addr spa, MacAddr tha, Ipv4Addr tpa) {
    sha.write(buf, SENDER_HW);
    spa.write(buf, SENDER_IP);
    tha.write(buf, TARGET_HW);
    tpa.write(buf, TARGET_IP);
  }
}
