package dev.netspec.net;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only Ethernet hub: every frame a member transmits is queued, and {@link #pump} copies it
 * to every other member's stack (each copy into the receiver's own pool, as a NIC's DMA would).
 * Frames can also be captured instead of delivered, to compare against golden bytes.
 */
final class Hub {
  record Member(NetStack stack, int ifIndex, MbufPool pool) {}

  private record InFlight(Member from, Mbuf frame) {}

  private final List<Member> members = new ArrayList<>();
  private final ArrayDeque<InFlight> queue = new ArrayDeque<>();
  /** When false, transmit refuses every frame (a full TX ring). */
  boolean accepting = true;

  /** Attaches an interface of {@code stack}; returns the member. */
  Member attach(NetStack stack, NetInterface cfg) {
    Member[] self = new Member[1];
    int idx = stack.addInterface(cfg, frame -> {
      if (!accepting) {
        return false;
      }
      queue.addLast(new InFlight(self[0], frame));
      return true;
    });
    self[0] = new Member(stack, idx, stack.pool());
    members.add(self[0]);
    return self[0];
  }

  /** Removes and returns the bytes of every queued frame, without delivering them. */
  List<byte[]> capture() {
    List<byte[]> out = new ArrayList<>();
    while (!queue.isEmpty()) {
      try (Mbuf m = queue.pollFirst().frame()) {
        out.add(m.toByteArray());
      }
    }
    return out;
  }

  /** Delivers queued frames (and the frames they cause) until the hub is quiet. */
  int pump(long now) {
    int delivered = 0;
    while (!queue.isEmpty()) {
      InFlight f = queue.pollFirst();
      try (Mbuf frame = f.frame()) {
        for (Member m : members) {
          if (m != f.from()) {
            Mbuf copy = m.pool().tryCopyOf(frame.toByteArray());
            if (copy != null) {
              m.stack().receive(m.ifIndex(), copy, now);
              delivered++;
            }
          }
        }
      }
    }
    return delivered;
  }

  int queued() {
    return queue.size();
  }

  static NetInterface iface(String name, String mac, String ip, int prefix) {
    return NetInterface.ethernet(name, MacAddr.parse(mac), Ipv4Addr.parse(ip), prefix);
  }
}
