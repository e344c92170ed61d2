package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/** An Ethernet/IPv4 ARP request or reply (RFC 826). */
public record ArpPacket(
    Operation operation, MacAddr senderHw, Ipv4Addr senderIp, MacAddr targetHw,
    Ipv4Addr targetIp) {

  /** ar$op values (RFC 826: ares_op$REQUEST = 1, ares_op$REPLY = 2). */
  public enum Operation {
    REQUEST(ArpView.OP_REQUEST),
    REPLY(ArpView.OP_REPLY);

    private final int code;

    Operation(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /**
   * A request asking who has {@code targetIp}; the target hardware address is zero because it is
   * what the sender wants to learn.
   */
  public static ArpPacket request(MacAddr senderHw, Ipv4Addr senderIp, Ipv4Addr targetIp) {
    return new ArpPacket(Operation.REQUEST, senderHw, senderIp, MacAddr.ZERO, targetIp);
  }

  /** The reply to {@code request} from the owner of its target address (RFC 826 Packet Reception). */
  public static ArpPacket replyTo(ArpPacket request, MacAddr ownHw) {
    return new ArpPacket(
        Operation.REPLY, ownHw, request.targetIp, request.senderHw, request.senderIp);
  }

  /** Validates 28 bytes of Ethernet/IPv4 ARP at index 0; never throws on any bytes. */
  public static Parsed<ArpPacket> parse(Mbuf buf) {
    Parsed<ArpView> checked = ArpView.wrapChecked(buf);
    if (!(checked instanceof Parsed.Ok<ArpView>(ArpView v))) {
      return Parsed.rejected(Rejection.ARP_TOO_SHORT);
    }
    // RFC 826 Packet Reception: "?Do I have the hardware type in ar$hrd? ... [optionally check
    // the hardware length ar$hln] ?Do I speak the protocol in ar$pro?"
    if (v.hardwareType() != ArpView.HTYPE_ETHERNET) {
      return Parsed.rejected(Rejection.ARP_UNSUPPORTED_HARDWARE);
    }
    if (v.protocolType() != EthernetView.TYPE_IPV4) {
      return Parsed.rejected(Rejection.ARP_UNSUPPORTED_PROTOCOL);
    }
    if (v.hardwareLen() != 6 || v.protocolLen() != 4) {
      return Parsed.rejected(Rejection.ARP_BAD_ADDRESS_LENGTH);
    }
    Operation op = switch (v.operation()) {
      case ArpView.OP_REQUEST -> Operation.REQUEST;
      case ArpView.OP_REPLY -> Operation.REPLY;
      default -> null;
    };
    if (op == null) {
      return Parsed.rejected(Rejection.ARP_UNKNOWN_OPERATION);
    }
    return Parsed.ok(new ArpPacket(op, v.senderHw(), v.senderIp(), v.targetHw(), v.targetIp()));
  }

  public int headerLen() {
    return ArpView.PACKET_LEN;
  }

  /** Writes the 28 bytes at index 0 of {@code buf}. */
  public void emit(Mbuf buf) {
    ArpView v = ArpView.wrapUnchecked(buf);
    v.setFixedFields(operation.code());
    v.setAddresses(senderHw, senderIp, targetHw, targetIp);
  }
}
