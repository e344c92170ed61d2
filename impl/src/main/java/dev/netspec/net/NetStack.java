package dev.netspec.net;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.wire.ArpPacket;
import dev.netspec.wire.EthernetHeader;
import dev.netspec.wire.EthernetView;
import dev.netspec.wire.IcmpMessage;
import dev.netspec.wire.IcmpMessage.DestinationUnreachable;
import dev.netspec.wire.IcmpMessage.EchoReply;
import dev.netspec.wire.IcmpMessage.EchoRequest;
import dev.netspec.wire.IcmpMessage.TimeExceeded;
import dev.netspec.wire.IcmpView;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.MacAddr;
import dev.netspec.wire.Parsed;
import dev.netspec.wire.Rejection;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's (or router's) network layer: Ethernet demultiplexing, ARP, IPv4 input, local
 * delivery, forwarding and output, ICMP; upper protocols plug in as {@link ProtocolHandler}s.
 *
 * <p>Sans-I/O (smoltcp's {@code iface} style): the simulator calls {@link #receive} with a frame
 * the NIC took off the wire, {@link #output} is called by the transport layer, and {@link
 * #poll(long)} at the time {@link #pollAt()} asks for; frames leave through each interface's
 * {@link FrameSink}. Every call takes {@code now}; nothing reads a clock, starts a thread or logs.
 *
 * <p>Input path (lecture 5: "each layer parses, validates, and strips headers on the way in;
 * discards packet if there's a problem"):
 *
 * <pre>
 *  receive ─ Ethernet parse ─ MAC/VLAN filter ─┬─ ARP ─ cache update, reply
 *                                             └─ IPv4 parse ─┬─ local ─ ICMP (echo reply) / handler
 *                                                             └─ forward ─ TTL, route, MTU ─ output
 * </pre>
 *
 * <p>Decisions worth knowing: fragments addressed to this host are counted and dropped
 * ({@link DropReason#FRAGMENT_NOT_REASSEMBLED}; RFC 1122 3.3.2 makes reassembly a MUST, so this is
 * a documented gap), fragments being forwarded pass through untouched; datagrams larger than the
 * outgoing MTU are not fragmented but dropped ({@link DropReason#MTU_EXCEEDED}, ICMP
 * fragmentation needed when DF is set); datagrams to one of this node's own addresses are looped
 * back through a queue that the next {@link #poll} delivers (no 127.0.0.0/8 interface); no ICMP
 * redirects, no IP options processing, no ICMP rate limiting.
 *
 * <p>Not thread-safe; the simulator is single-threaded.
 */
public final class NetStack {

  /** Headroom a transport layer should leave in front of its header: IPv4 + 802.1Q Ethernet. */
  public static final int HEADROOM = 64;

  /**
   * Whether this node forwards datagrams not addressed to it (a router, RFC 1812) or discards
   * them (a host, RFC 1122 3.3.1.1), and the ARP settings.
   */
  public record Config(boolean forwarding, ArpCache.Config arp) {
    public static Config host() {
      return new Config(false, ArpCache.Config.defaults());
    }

    public static Config router() {
      return new Config(true, ArpCache.Config.defaults());
    }
  }

  private final class Iface implements ArpCache.Listener {
    final int index;
    final NetInterface cfg;
    final FrameSink device;
    final ArpCache arp;
    /** {@code cfg.directedBroadcast()}, computed once: it is compared on every received packet. */
    final Ipv4Addr directedBroadcast;
    /** Whether there is one (not for /31 and /32), and its bits: the per-packet form. */
    final boolean hasDirectedBroadcast;
    final int directedBroadcastBits;
    /** The interface's MAC as bits, compared with every received frame's destination. */
    final long macBits;
    /** {@code cfg.vlanId() < 0}, {@code cfg.mtu()} and {@code cfg.linkHeaderLen()}: per-packet reads. */
    final boolean untagged;
    final int mtu;
    final int linkHeaderLen;
    /**
     * An untagged IPv4 frame's Ethernet header for this interface: destination (filled in per
     * frame by {@link #transmitIp}), this interface's MAC as source, type IPv4.
     */
    final byte[] ipv4Header = new byte[EthernetView.HEADER_LEN];

    Iface(int index, NetInterface cfg, FrameSink device) {
      this.index = index;
      this.cfg = cfg;
      this.directedBroadcast = cfg.directedBroadcast();
      this.hasDirectedBroadcast = directedBroadcast != null;
      this.directedBroadcastBits = directedBroadcast == null ? 0 : directedBroadcast.bits();
      this.macBits = cfg.mac().bits();
      this.untagged = cfg.vlanId() < 0;
      this.mtu = cfg.mtu();
      this.linkHeaderLen = cfg.linkHeaderLen();
      long src = macBits;
      for (int k = 0; k < 6; k++) {
        ipv4Header[EthernetView.SOURCE + k] = (byte) (src >>> (40 - 8 * k));
      }
      ipv4Header[EthernetView.ETHER_TYPE] = (byte) (EthernetView.TYPE_IPV4 >>> 8);
      ipv4Header[EthernetView.ETHER_TYPE + 1] = (byte) EthernetView.TYPE_IPV4;
      this.device = device;
      this.arp = new ArpCache(config.arp(), this);
    }

    @Override
    public void sendRequest(Ipv4Addr target) {
      sendArp(this, ArpPacket.request(cfg.mac(), cfg.address(), target), MacAddr.BROADCAST, null);
      stats.arpRequestsSent++;
    }

    @Override
    public void release(ArpCache.Held held, MacAddr mac) {
      unhold(held);
      transmitIp(this, mac, held.datagram(), held.forwarded());
    }

    @Override
    public void drop(ArpCache.Held held, DropReason reason) {
      unhold(held);
      held.datagram().close();
      count(held.forwarded(), reason);
    }

    private void unhold(ArpCache.Held held) {
      if (held.forwarded()) {
        stats.inputHeld--;
      } else {
        stats.outputHeld--;
      }
    }
  }

  private final MbufPool pool;
  private final Config config;
  private final List<Iface> ifaces = new ArrayList<>();
  /** The same interfaces in an array: indexed once per received and forwarded packet. */
  private Iface[] ifaceArray = new Iface[0];
  /**
   * Interface addresses' bits by interface index: every received datagram is checked against
   * them, so the check compares ints in an array (no iterator, no address objects).
   */
  private int[] localAddresses = new int[0];
  private final RouteTable routes = new RouteTable();
  private final ProtocolHandler[] handlers = new ProtocolHandler[256];
  private final NetStats stats = new NetStats();
  private IcmpListener icmpListener;
  private int nextIdentification;
  /** Datagrams sent to one of our own addresses, delivered by the next {@link #poll}. */
  private final java.util.ArrayDeque<Looped> loopback = new java.util.ArrayDeque<>();

  private record Looped(Iface iface, Mbuf datagram) {}

  public NetStack(MbufPool pool, Config config) {
    this.pool = pool;
    this.config = config;
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Adds an interface and the route to its directly connected network; returns its index, the
   * one {@link #receive} takes.
   */
  public int addInterface(NetInterface cfg, FrameSink device) {
    int index = ifaces.size();
    Iface ifc = new Iface(index, cfg, device);
    ifaces.add(ifc);
    ifaceArray = java.util.Arrays.copyOf(ifaceArray, index + 1);
    ifaceArray[index] = ifc;
    localAddresses = java.util.Arrays.copyOf(localAddresses, index + 1);
    localAddresses[index] = cfg.address().bits();
    routes.add(new Route(cfg.address(), cfg.prefixLength(), null, index));
    return index;
  }

  /** Adds a route, e.g. the default route {@code 0.0.0.0/0 via gateway}. */
  public void addRoute(Route route) {
    if (route.ifIndex() >= ifaces.size()) {
      throw new IllegalArgumentException("route names interface " + route.ifIndex()
          + " but only " + ifaces.size() + " exist");
    }
    routes.add(route);
  }

  /**
   * Registers the handler for IP protocol {@code protocol} (17 for UDP). ICMP is the stack's own.
   */
  public void register(int protocol, ProtocolHandler handler) {
    if (protocol < 0 || protocol > 255 || protocol == Ipv4View.PROTO_ICMP) {
      throw new IllegalArgumentException("cannot register protocol " + protocol);
    }
    handlers[protocol] = handler;
  }

  public void setIcmpListener(IcmpListener listener) {
    this.icmpListener = listener;
  }

  public NetStats stats() {
    return stats;
  }

  public MbufPool pool() {
    return pool;
  }

  public RouteTable routes() {
    return routes;
  }

  public int interfaceCount() {
    return ifaces.size();
  }

  public NetInterface interfaceConfig(int ifIndex) {
    return ifaces.get(ifIndex).cfg;
  }

  /** The ARP cache of interface {@code ifIndex} (for inspection and probes). */
  public ArpCache arpCache(int ifIndex) {
    return ifaces.get(ifIndex).arp;
  }

  /** Whether {@code a} is one of this node's interface addresses. */
  public boolean isLocalAddress(Ipv4Addr a) {
    return ownerIndex(a.bits()) >= 0;
  }

  /** Looped-back datagrams waiting for the next {@link #poll}. */
  public int loopbackQueued() {
    return loopback.size();
  }

  private Iface ownerOf(Ipv4Addr a) {
    int i = ownerIndex(a.bits());
    return i < 0 ? null : ifaces.get(i);
  }

  /** Index of the first interface whose address has these bits, or -1. */
  private int ownerIndex(int bits) {
    int[] local = localAddresses;
    for (int i = 0; i < local.length; i++) {
      if (local[i] == bits) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The source address a datagram to {@code dst} would carry: the address of the interface its
   * route leaves through (RFC 1122 3.3.4.3), or null if there is no route.
   */
  public Ipv4Addr sourceAddressFor(Ipv4Addr dst) {
    if (dst.isBroadcast()) {
      return ifaces.isEmpty() ? null : ifaces.get(0).cfg.address();
    }
    Route r = routes.lookup(dst);
    return r == null ? null : ifaces.get(r.ifIndex()).cfg.address();
  }

  // ---------------------------------------------------------------- timers

  /**
   * Delivers the datagrams this node sent to itself, then runs the ARP timers due at {@code now}.
   * Looped datagrams sent while this runs (a reply to oneself) wait for the next call, so one call
   * does bounded work.
   */
  public void poll(long now) {
    for (int n = loopback.size(); n > 0; n--) {
      Looped l = loopback.pollFirst();
      stats.framesReceived++;
      ipInput(l.iface(), l.datagram(), false, now);
    }
    for (Iface i : ifaces) {
      i.arp.poll(now);
    }
  }

  /**
   * When {@link #poll} next has work, in virtual nanoseconds: the earliest ARP retransmission or
   * give-up time; {@link Long#MIN_VALUE} while looped-back datagrams wait (meaning "at once": a
   * scheduler should use {@code max(now, pollAt())}); {@link Long#MAX_VALUE} if nothing is
   * pending.
   */
  public long pollAt() {
    if (!loopback.isEmpty()) {
      return Long.MIN_VALUE;
    }
    long at = Long.MAX_VALUE;
    for (Iface i : ifaces) {
      at = Math.min(at, i.arp.pollAt());
    }
    return at;
  }

  /**
   * Drops every datagram still waiting for ARP ({@link DropReason#STACK_CLOSED}) and discards
   * looped-back datagrams not yet delivered (they were counted as sent, not yet as received,
   * like frames still on a wire).
   */
  public void close() {
    while (!loopback.isEmpty()) {
      loopback.pollFirst().datagram().close();
      stats.loopbackDiscarded++;
    }
    for (Iface i : ifaces) {
      i.arp.clear(DropReason.STACK_CLOSED);
    }
  }

  // ---------------------------------------------------------------- input

  /**
   * Takes one received Ethernet frame (ownership passes to the stack) and runs it up the stack.
   * Never throws on any frame content: every frame ends delivered, forwarded, held or counted as
   * dropped.
   *
   * @throws IllegalArgumentException if {@code ifIndex} names no interface (a wiring bug)
   */
  public void receive(int ifIndex, Mbuf frame, long now) {
    Iface[] all = ifaceArray;
    if (ifIndex < 0 || ifIndex >= all.length) {
      frame.close();
      throw new IllegalArgumentException("no interface " + ifIndex);
    }
    Iface ifc = all[ifIndex];
    stats.framesReceived++;
    // The common frame, untagged IPv4 on an untagged interface, is demultiplexed from its bytes
    // with one range check and no header object; it meets exactly the checks of the general
    // path below (length, type, MAC filter; its VLAN test passes for untagged on untagged).
    if (ifc.untagged && frame.readableBytes() >= EthernetView.HEADER_LEN) {
      int o = frame.headerOffset(0, EthernetView.HEADER_LEN);
      if (frame.getU16Abs(o + EthernetView.ETHER_TYPE) == EthernetView.TYPE_IPV4) {
        long dst = ((long) frame.getU16Abs(o + EthernetView.DESTINATION) << 32)
            | (frame.getI32Abs(o + EthernetView.DESTINATION + 2) & 0xFFFF_FFFFL);
        boolean linkBroadcast = dst == MacAddr.BROADCAST.bits();
        if (!linkBroadcast && dst != ifc.macBits) {
          dropInput(frame, DropReason.NOT_OUR_MAC);
          return;
        }
        frame.trimFront(EthernetView.HEADER_LEN);
        ipInput(ifc, frame, linkBroadcast, now);
        return;
      }
    }
    EthernetHeader eth;
    switch (EthernetHeader.parse(frame)) {
      case Parsed.Rejected<EthernetHeader> r -> {
        dropMalformed(frame, r.reason());
        return;
      }
      case Parsed.Ok<EthernetHeader> ok -> eth = ok.value();
    }
    boolean linkBroadcast = eth.destination().isBroadcast();
    if (!linkBroadcast && !eth.destination().equals(ifc.cfg.mac())) {
      dropInput(frame, DropReason.NOT_OUR_MAC);
      return;
    }
    // VID 0 is a priority tag, not a VLAN (IEEE 802.1Q 9.6): treat it as untagged.
    int vid = eth.vlan() == null || eth.vlan().vlanId() == 0 ? -1 : eth.vlan().vlanId();
    if (vid != ifc.cfg.vlanId()) {
      dropInput(frame, DropReason.VLAN_MISMATCH);
      return;
    }
    frame.trimFront(eth.headerLen());
    switch (eth.etherType()) {
      case EthernetView.TYPE_ARP -> arpInput(ifc, frame, now);
      case EthernetView.TYPE_IPV4 -> ipInput(ifc, frame, linkBroadcast, now);
      default -> dropInput(frame, DropReason.UNSUPPORTED_ETHERTYPE);
    }
  }

  /** RFC 826 "Packet Reception", for Ethernet and IPv4 only. */
  private void arpInput(Iface ifc, Mbuf frame, long now) {
    ArpPacket arp;
    switch (ArpPacket.parse(frame)) {
      case Parsed.Rejected<ArpPacket> r -> {
        dropMalformed(frame, r.reason());
        return;
      }
      case Parsed.Ok<ArpPacket> ok -> arp = ok.value();
    }
    boolean forUs = arp.targetIp().equals(ifc.cfg.address());
    // Never learn a mapping for the unspecified address (an RFC 5227 probe) or to a group MAC.
    if (!arp.senderIp().isUnspecified() && !arp.senderHw().isMulticast()) {
      ifc.arp.update(arp.senderIp(), arp.senderHw(), now, forUs);
    }
    if (!forUs) {
      dropInput(frame, DropReason.ARP_NOT_FOR_US);
      return;
    }
    stats.framesDelivered++;
    if (arp.operation() == ArpPacket.Operation.REQUEST) {
      // "swap hardware and protocol fields, putting the local addresses in the sender fields,
      // set ar$op to ares_op$REPLY, send the packet to the (new) target hardware address":
      // done in place in the request's own buffer.
      frame.truncate(arp.headerLen());
      sendArp(ifc, ArpPacket.replyTo(arp, ifc.cfg.mac()), arp.senderHw(), frame.move());
      stats.arpRepliesSent++;
    } else {
      frame.close();
    }
  }

  /**
   * IPv4 input. The header is validated without building an {@link Ipv4Header} (the checks of
   * {@link Ipv4Header#parse}); the datagram to a handler that needs only the addresses (UDP), and
   * the forwarded datagram, then go on with the few fields read as ints. Everything else (ICMP,
   * fragments, other protocols, every ICMP error) builds the header value and takes the general
   * path, so both make the same decisions.
   */
  private void ipInput(Iface ifc, Mbuf frame, boolean linkBroadcast, long now) {
    int headerLen = Ipv4Header.validate(frame);
    if (headerLen < 0) {
      dropMalformed(frame, Rejection.fromCode(headerLen));
      return;
    }
    int o = frame.headerOffset(0, headerLen);
    int totalLength = frame.getU16Abs(o + Ipv4View.TOTAL_LENGTH);
    int dst = frame.getI32Abs(o + Ipv4View.DESTINATION);
    frame.truncate(totalLength); // drop Ethernet padding (RFC 894 minimum frame)
    if (isLocalDestination(ifc, dst)) {
      int flagsFragment = frame.getU16Abs(o + Ipv4View.FLAGS_FRAGMENT);
      ProtocolHandler h = handlers[frame.getU8Abs(o + Ipv4View.PROTOCOL)];
      boolean fragment = (flagsFragment & (Ipv4View.FLAG_MF | Ipv4View.FRAGMENT_OFFSET_MASK)) != 0;
      if (!fragment && h instanceof ProtocolHandler.ByAddress byAddress) {
        int src = frame.getI32Abs(o + Ipv4View.SOURCE);
        frame.trimFront(headerLen);
        Verdict v = byAddress.input(ifc.index, src, dst, frame, now);
        if (v instanceof Verdict.Delivered) {
          stats.framesDelivered++; // the handler owns `frame` now (ProtocolHandler.ByAddress)
          return;
        }
        verdict(ifc, null, headerLen, v, frame, linkBroadcast, now);
        return;
      }
      localInput(ifc, Ipv4Header.read(frame, headerLen), frame, linkBroadcast, now);
    } else if (config.forwarding()) {
      forward(ifc, frame, headerLen, linkBroadcast, now);
    } else {
      dropInput(frame, DropReason.NOT_ADDRESSED_TO_HOST);
    }
  }

  private boolean isLocalDestination(Iface ifc, int dst) {
    return dst == -1 || (ifc.hasDirectedBroadcast && dst == ifc.directedBroadcastBits)
        || ownerIndex(dst) >= 0;
  }

  private boolean isBroadcastFor(Iface ifc, Ipv4Addr dst) {
    return isBroadcastFor(ifc, dst.bits());
  }

  private boolean isBroadcastFor(Iface ifc, int dst) {
    return dst == -1 || (ifc.hasDirectedBroadcast && dst == ifc.directedBroadcastBits);
  }

  private void localInput(Iface ifc, Ipv4Header ip, Mbuf frame, boolean linkBcast, long now) {
    // No TTL check here: RFC 1122 3.2.1.7, a host "MUST NOT discard a datagram just because it
    // was received with TTL less than 2".
    if (ip.isFragment()) {
      dropInput(frame, DropReason.FRAGMENT_NOT_REASSEMBLED);
      return;
    }
    frame.trimFront(ip.headerLen());
    if (ip.protocol() == Ipv4View.PROTO_ICMP) {
      icmpInput(ifc, ip, frame, linkBcast, now);
      return;
    }
    ProtocolHandler h = handlers[ip.protocol()];
    if (h == null) {
      // RFC 1122 3.2.2.1: a host SHOULD send protocol unreachable.
      frame.untrimFront(ip.headerLen());
      icmpError(ifc, ip, frame, new DestinationUnreachable(DestinationUnreachable.PROTOCOL, 0),
          linkBcast, now);
      dropInput(frame, DropReason.PROTOCOL_UNREACHABLE);
      return;
    }
    int lent = frame.generation();
    Verdict v = h.input(ifc.index, ip, frame, now);
    if (v instanceof Verdict.Delivered) {
      stats.framesDelivered++;
      // "Whatever handle is still open is closed by the stack": unless the handler moved it and
      // the pool has since reissued the handle object to someone else (a new generation).
      if (frame.isOpen() && frame.generation() == lent) {
        frame.close();
      }
      return;
    }
    verdict(ifc, ip, ip.headerLen(), v, frame, linkBcast, now);
  }

  /**
   * Counts a handler's refusal of the datagram whose payload {@code frame} holds (Delivered is
   * counted by the callers). {@code ip} may be null (the by-address path): it is read from the
   * bytes only for an ICMP error.
   */
  private void verdict(Iface ifc, Ipv4Header ip, int headerLen, Verdict v, Mbuf frame,
      boolean linkBcast, long now) {
    switch (v) {
      case Verdict.Delivered d ->
          // Both callers count Delivered themselves (each form has its own ownership rule).
          throw new IllegalStateException("Delivered reached the shared verdict handling");
      case Verdict.Dropped d -> dropInput(frame, d.reason());
      case Verdict.Malformed m -> dropMalformed(frame, m.rejection());
      case Verdict.Unreachable u -> {
        frame.untrimFront(headerLen);
        Ipv4Header header = ip != null ? ip : Ipv4Header.read(frame, headerLen);
        icmpError(ifc, header, frame, new DestinationUnreachable(u.code(), 0), linkBcast, now);
        dropInput(frame, u.reason());
      }
    }
  }

  private void icmpInput(Iface ifc, Ipv4Header ip, Mbuf frame, boolean linkBcast, long now) {
    IcmpMessage msg;
    switch (IcmpMessage.parse(frame)) {
      case Parsed.Rejected<IcmpMessage> r -> {
        dropMalformed(frame, r.reason());
        return;
      }
      case Parsed.Ok<IcmpMessage> ok -> msg = ok.value();
    }
    if (msg instanceof EchoRequest e) {
      if (linkBcast || isBroadcastFor(ifc, ip.destination())) {
        dropInput(frame, DropReason.ICMP_ECHO_TO_BROADCAST);
        return;
      }
      stats.framesDelivered++;
      // RFC 792: "the source and destination addresses are simply reversed, the type code
      // changed to 0, and the checksum recomputed"; the data is echoed unchanged, in place.
      new EchoReply(e.identifier(), e.sequence()).emit(frame);
      output(ip.destination(), ip.source(), Ipv4View.PROTO_ICMP, frame.move(), now);
      return;
    }
    if (icmpListener == null) {
      dropInput(frame, DropReason.ICMP_UNCLAIMED);
      return;
    }
    stats.framesDelivered++;
    frame.trimFront(IcmpView.HEADER_LEN);
    icmpListener.onIcmp(ifc.index, ip, msg, frame, now);
    frame.close();
  }

  /** Whether this node forwards (a router) and its ARP settings. */
  public Config config() {
    return config;
  }

  // ---------------------------------------------------------------- forwarding (RFC 1812)

  /**
   * Forwards the datagram at index 0 of {@code frame}, whose header ({@code headerLen} bytes)
   * {@link Ipv4Header#validate} accepted. Works on the header's bytes; the header value is built
   * only for an ICMP error.
   */
  private void forward(Iface in, Mbuf frame, int headerLen, boolean linkBcast, long now) {
    int o = frame.headerOffset(0, headerLen);
    int dst = frame.getI32Abs(o + Ipv4View.DESTINATION);
    int src = frame.getI32Abs(o + Ipv4View.SOURCE);
    // RFC 1812 5.3.4: not forwarded when received as a link-layer broadcast; 5.3.5.1: limited
    // broadcast never; 5.3.7: martian destinations and sources (0/8, 127/8, class D unicast-only
    // forwarding here) never.
    if (linkBcast || (dst >>> 28) == 0xE || (dst >>> 24) == 127 || (dst >>> 24) == 0
        || (src >>> 24) == 127 || (src >>> 24) == 0) {
      dropInput(frame, DropReason.NOT_FORWARDABLE);
      return;
    }
    // RFC 1812 5.3.1: TTL 1 (or 0) cannot be decremented and forwarded.
    if (frame.getU8Abs(o + Ipv4View.TTL) <= 1) {
      icmpError(in, Ipv4Header.read(frame, headerLen), frame,
          new TimeExceeded(TimeExceeded.TTL_EXCEEDED), false, now);
      dropInput(frame, DropReason.TTL_EXPIRED);
      return;
    }
    Route route = routes.lookup(dst);
    if (route == null) {
      icmpError(in, Ipv4Header.read(frame, headerLen), frame,
          new DestinationUnreachable(DestinationUnreachable.NET, 0), false, now);
      dropInput(frame, DropReason.NO_ROUTE);
      return;
    }
    Iface out = ifaceArray[route.ifIndex()];
    // RFC 1812 5.3.5.2: forwarding directed broadcasts MUST default to off.
    if (out.hasDirectedBroadcast && dst == out.directedBroadcastBits) {
      dropInput(frame, DropReason.NOT_FORWARDABLE);
      return;
    }
    if (frame.getU16Abs(o + Ipv4View.TOTAL_LENGTH) > out.mtu) {
      if ((frame.getU16Abs(o + Ipv4View.FLAGS_FRAGMENT) & Ipv4View.FLAG_DF) != 0) {
        icmpError(in, Ipv4Header.read(frame, headerLen), frame, new DestinationUnreachable(
            DestinationUnreachable.FRAGMENTATION_NEEDED, out.cfg.mtu()), false, now);
      }
      dropInput(frame, DropReason.MTU_EXCEEDED);
      return;
    }
    Ipv4View.decrementTtl(frame); // RFC 1624 incremental checksum update
    // Received on an untagged port (14 bytes of headroom) but leaving on a tagged one (18)?
    // Then the datagram moves to a fresh buffer; otherwise it is forwarded without a copy.
    // The frame itself travels on (no move(): nothing below touches `frame` again).
    Mbuf datagram = ensureHeadroom(frame, out.linkHeaderLen);
    if (datagram == null) {
      stats.inputDrops[DropReason.NO_BUFFER.ordinal()]++;
      return;
    }
    sendIp(out, route.gateway() == null ? dst : route.gateway().bits(), datagram, true, now);
  }

  // ---------------------------------------------------------------- output

  /**
   * Sends {@code payload} (ownership passes to the stack) as one IPv4 datagram from {@code src}
   * ({@link Ipv4Addr#ANY}: the outgoing interface's address, RFC 1122 3.3.4.3) to {@code dst}.
   * Datagrams to the limited broadcast address leave on interface 0.
   */
  public OutputResult output(Ipv4Addr src, Ipv4Addr dst, int protocol, Mbuf payload, long now) {
    stats.packetsOriginated++;
    Iface out;
    Ipv4Addr nextHop;
    Iface self = ownerOf(dst);
    if (self != null) {
      // To ourselves: no ARP, no wire. Queued for the next poll, like a loopback device's
      // deferred receive, so that a send never re-enters the input path.
      Ipv4Header ip = Ipv4Header.of(src.isUnspecified() ? dst : src, dst, protocol,
          nextIdentification, payload.readableBytes());
      nextIdentification = (nextIdentification + 1) & 0xFFFF;
      Mbuf datagram = ensureHeadroom(payload, ip.headerLen());
      if (datagram == null) {
        dropOutput(DropReason.NO_BUFFER);
        return OutputResult.NO_BUFFER;
      }
      ip.prependTo(datagram);
      loopback.addLast(new Looped(self, datagram));
      stats.packetsSent++;
      stats.loopedBack++;
      return OutputResult.SENT;
    }
    if (dst.isBroadcast() && !ifaces.isEmpty()) {
      out = ifaces.get(0);
      nextHop = dst;
    } else {
      Route route = routes.lookup(dst);
      if (route == null) {
        payload.close();
        dropOutput(DropReason.NO_ROUTE);
        return OutputResult.NO_ROUTE;
      }
      out = ifaces.get(route.ifIndex());
      nextHop = route.nextHop(dst);
    }
    Ipv4Addr from = src.isUnspecified() ? out.cfg.address() : src;
    Ipv4Header ip = Ipv4Header.of(from, dst, protocol, nextIdentification, payload.readableBytes());
    if (ip.totalLength() > out.cfg.mtu()) {
      payload.close();
      dropOutput(DropReason.MTU_EXCEEDED);
      return OutputResult.MTU_EXCEEDED;
    }
    nextIdentification = (nextIdentification + 1) & 0xFFFF;
    Mbuf datagram = ensureHeadroom(payload, ip.headerLen() + out.cfg.linkHeaderLen());
    if (datagram == null) {
      dropOutput(DropReason.NO_BUFFER);
      return OutputResult.NO_BUFFER;
    }
    ip.prependTo(datagram);
    return sendIp(out, nextHop.bits(), datagram, false, now);
  }

  /** The same packet with at least {@code need} bytes of headroom, copying only if it must. */
  private Mbuf ensureHeadroom(Mbuf m, int need) {
    if (m.headroom() >= need) {
      return m;
    }
    try (m) {
      Mbuf copy = pool.tryAllocate(HEADROOM, m.readableBytes());
      if (copy != null) {
        copy.appendBytes(m);
      }
      return copy;
    }
  }

  /** Sends to the next hop whose address has bits {@code nextHop}, resolving it with ARP. */
  private OutputResult sendIp(Iface out, int nextHop, Mbuf datagram, boolean fwd, long now) {
    // By the address's bits: the cache's int index needs no Ipv4Addr key object per packet.
    MacAddr mac = isBroadcastFor(out, nextHop) ? MacAddr.BROADCAST : out.arp.lookup(nextHop, now);
    if (mac != null) {
      return transmitIp(out, mac, datagram, fwd);
    }
    if (fwd) {
      stats.inputHeld++;
    } else {
      stats.outputHeld++;
    }
    return out.arp.hold(new Ipv4Addr(nextHop), new ArpCache.Held(datagram, fwd), now)
        ? OutputResult.QUEUED_FOR_ARP
        : OutputResult.ARP_CACHE_FULL;
  }

  private OutputResult transmitIp(Iface out, MacAddr mac, Mbuf datagram, boolean fwd) {
    if (out.untagged) {
      // The bytes prependEthernet writes, copied from the interface's template with the next
      // hop's MAC filled in: one 14-byte copy instead of a zero fill and three checked writes.
      byte[] h = out.ipv4Header;
      long d = mac.bits();
      h[0] = (byte) (d >>> 40);
      h[1] = (byte) (d >>> 32);
      h[2] = (byte) (d >>> 24);
      h[3] = (byte) (d >>> 16);
      h[4] = (byte) (d >>> 8);
      h[5] = (byte) d;
      datagram.prependBytes(h, 0, EthernetView.HEADER_LEN);
    } else {
      prependEthernet(out, mac, EthernetView.TYPE_IPV4, datagram);
    }
    if (!out.device.transmit(datagram)) {
      datagram.close();
      count(fwd, DropReason.TX_QUEUE_FULL);
      return OutputResult.TX_QUEUE_FULL;
    }
    if (fwd) {
      stats.framesForwarded++;
    } else {
      stats.packetsSent++;
    }
    return OutputResult.SENT;
  }

  /**
   * Prepends this interface's Ethernet header: the bytes {@link EthernetHeader#prependTo} writes,
   * written directly when untagged (once per sent or forwarded packet, so no header value).
   */
  private void prependEthernet(Iface out, MacAddr dst, int type, Mbuf m) {
    if (out.cfg.vlanId() >= 0) {
      ethernetHeader(out, dst, type).prependTo(m);
      return;
    }
    m.prepend(EthernetView.HEADER_LEN);
    dst.write(m, EthernetView.DESTINATION);
    out.cfg.mac().write(m, EthernetView.SOURCE);
    m.setU16(EthernetView.ETHER_TYPE, type);
  }

  private EthernetHeader ethernetHeader(Iface out, MacAddr dst, int type) {
    EthernetHeader.VlanTag tag =
        out.cfg.vlanId() < 0 ? null : new EthernetHeader.VlanTag(0, false, out.cfg.vlanId());
    return new EthernetHeader(dst, out.cfg.mac(), tag, type);
  }

  /** Sends an ARP packet, in {@code reuse} if given or in a fresh small buffer. */
  private void sendArp(Iface out, ArpPacket arp, MacAddr to, Mbuf reuse) {
    stats.packetsOriginated++;
    Mbuf m = reuse;
    if (m == null) {
      m = pool.tryAllocate(out.cfg.linkHeaderLen(), arp.headerLen());
      if (m == null) {
        dropOutput(DropReason.NO_BUFFER);
        return;
      }
      m.append(arp.headerLen());
    }
    arp.emit(m);
    Mbuf frame = ensureHeadroom(m, out.cfg.linkHeaderLen());
    if (frame == null) {
      dropOutput(DropReason.NO_BUFFER);
      return;
    }
    ethernetHeader(out, to, EthernetView.TYPE_ARP).prependTo(frame);
    if (out.device.transmit(frame)) {
      stats.packetsSent++;
    } else {
      frame.close();
      dropOutput(DropReason.TX_QUEUE_FULL);
    }
  }

  // ---------------------------------------------------------------- ICMP errors

  /**
   * Sends {@code msg} about {@code offending} (whose buffer {@code datagram} starts at its IPv4
   * header and stays owned by the caller), unless RFC 1812 4.3.2.7 / RFC 1122 3.2.2 forbid an
   * error: about an ICMP error, a datagram to a broadcast or multicast address or received as
   * link-layer broadcast, a non-initial fragment, or a source that is not a single host.
   */
  private void icmpError(Iface in, Ipv4Header offending, Mbuf datagram, IcmpMessage msg,
      boolean linkBcast, long now) {
    Ipv4Addr src = offending.source();
    if (linkBcast || isBroadcastFor(in, offending.destination())
        || offending.destination().isMulticast() || offending.fragmentOffset() != 0
        || src.isUnspecified() || src.isLoopback() || isIcmpError(offending, datagram)) {
      stats.icmpErrorsSuppressed++;
      return;
    }
    // RFC 792: the internet header plus the first 64 bits of the original datagram's data.
    int quote = Math.min(datagram.readableBytes(), offending.headerLen() + 8);
    Mbuf m = pool.tryAllocate(HEADROOM, IcmpView.HEADER_LEN + quote);
    if (m == null) {
      stats.packetsOriginated++;
      dropOutput(DropReason.NO_BUFFER);
      return;
    }
    try (Mbuf q = datagram.slice(0, quote)) {
      m.appendBytes(q);
    }
    msg.prependTo(m);
    stats.icmpErrorsSent++;
    output(Ipv4Addr.ANY, src, Ipv4View.PROTO_ICMP, m, now);
  }

  private static boolean isIcmpError(Ipv4Header offending, Mbuf datagram) {
    if (offending.protocol() != Ipv4View.PROTO_ICMP) {
      return false;
    }
    int at = offending.headerLen();
    if (datagram.readableBytes() <= at) {
      return true; // cannot tell: err on the side of silence
    }
    int type = datagram.getU8(at);
    return type != IcmpView.TYPE_ECHO_REQUEST && type != IcmpView.TYPE_ECHO_REPLY;
  }

  // ---------------------------------------------------------------- counting

  private void dropInput(Mbuf frame, DropReason reason) {
    frame.close();
    stats.inputDrops[reason.ordinal()]++;
  }

  private void dropMalformed(Mbuf frame, Rejection why) {
    stats.malformed[why.ordinal()]++;
    dropInput(frame, DropReason.MALFORMED);
  }

  private void dropOutput(DropReason reason) {
    stats.outputDrops[reason.ordinal()]++;
  }

  private void count(boolean forwarded, DropReason reason) {
    if (forwarded) {
      stats.inputDrops[reason.ordinal()]++;
    } else {
      stats.outputDrops[reason.ordinal()]++;
    }
  }
}
