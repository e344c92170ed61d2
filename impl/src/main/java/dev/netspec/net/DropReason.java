package dev.netspec.net;

/** Why a packet was dropped; each with the rule it follows. Counted, never logged. */
public enum DropReason {
  // ---- link layer
  MALFORMED("see wire.Rejection", "a header failed validation; the Rejection counter says which"),
  NOT_OUR_MAC("IEEE 802.3 4.2.4.1.2",
      "destination MAC is neither this interface's nor broadcast (no multicast groups joined)"),
  VLAN_MISMATCH("IEEE 802.1Q 8.6.1", "802.1Q VLAN id differs from the interface's (or untagged)"),
  UNSUPPORTED_ETHERTYPE("RFC 894", "EtherType is neither IPv4 nor ARP"),

  // ---- ARP
  ARP_NOT_FOR_US("RFC 826 Packet Reception", "request or reply for another host's address"),
  ARP_HOLD_QUEUE_FULL("RFC 1122 2.3.2.2",
      "packet awaiting address resolution pushed out of the bounded hold queue (oldest first)"),
  ARP_CACHE_FULL("RFC 1122 2.3.2.1", "no room for another pending entry in the ARP cache"),
  ARP_UNRESOLVED("RFC 1122 2.3.2.1", "no ARP reply after the last retransmitted request"),

  // ---- IPv4 input
  NOT_ADDRESSED_TO_HOST("RFC 1122 3.3.1.1",
      "destination is not ours and this node does not forward"),
  FRAGMENT_NOT_REASSEMBLED("RFC 791 3.2",
      "fragment addressed to this host: reassembly is not implemented, fragments are dropped"),
  PROTOCOL_UNREACHABLE("RFC 1122 3.2.2.1",
      "no handler for the IP protocol number (ICMP protocol unreachable sent)"),

  // ---- forwarding (RFC 1812)
  NOT_FORWARDABLE("RFC 1812 5.3.4, 5.3.7",
      "limited broadcast, multicast, loopback or 0/8 destination, or unicast IP in a link-layer "
          + "broadcast: never forwarded"),
  TTL_EXPIRED("RFC 1812 5.3.1", "TTL would reach zero (ICMP time exceeded sent)"),
  NO_ROUTE("RFC 1812 5.2.7.1", "no route to the destination (ICMP net unreachable sent)"),
  MTU_EXCEEDED("RFC 1191 section 4",
      "datagram longer than the outgoing MTU; this stack does not fragment (ICMP fragmentation "
          + "needed sent when DF is set)"),

  // ---- ICMP
  ICMP_ECHO_TO_BROADCAST("RFC 1122 3.2.2.6",
      "echo request to a broadcast address: MAY be silently discarded, and is"),
  ICMP_UNCLAIMED("RFC 1122 3.2.2", "echo reply or error message with no listener registered"),

  // ---- UDP
  UDP_NO_PORT("RFC 1122 4.1.3.1", "no socket bound to the port (ICMP port unreachable sent)"),
  UDP_RECEIVE_BUFFER_FULL("SO_RCVBUF (POSIX setsockopt; an implementation limit)",
      "the socket's receive buffer has no room for the datagram"),

  // ---- TCP
  TCP_NO_CONNECTION("RFC 9293 3.10.7.1",
      "no connection and no listener for the segment (a reset is sent unless it was a reset)"),
  TCP_LISTEN_QUEUE_FULL("RFC 9293 3.10.7.2, RFC 4987 3.2",
      "SYN to a listener whose SYN queue or accept queue (backlog) is full"),
  TCP_NOT_FOR_LISTENER("RFC 9293 3.10.7.2",
      "segment other than a SYN for a listener (a reset is sent if it carried an ACK)"),

  // ---- output
  NO_BUFFER("L41 lecture 5 (mbuf allocation)", "the buffer pool is exhausted"),
  TX_QUEUE_FULL("6.1810 lecture 21", "the device's transmit queue refused the frame"),
  STACK_CLOSED("(lifecycle)", "still waiting for ARP when the stack was closed");

  private final String rule;
  private final String description;

  DropReason(String rule, String description) {
    this.rule = rule;
    this.description = description;
  }

  /** The document and section the drop follows. */
  public String rule() {
    return rule;
  }

  public String description() {
    return description;
  }
}
