package dev.netspec.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stack closes "whatever handle is still open" after a handler's Delivered, but with recycled
 * handles the handle it lent may by then be someone else's: a handler that moves the payload and
 * then closes enough other buffers gets the old handle object back from the pool. The stack must
 * tell the two apart (by generation) and leave the new owner's buffer alone.
 */
class LentHandleTest {
  private static final MacAddr MAC = MacAddr.parse("02:00:00:00:00:01");
  private static final Ipv4Addr ADDR = Ipv4Addr.parse("10.0.0.1");

  @Test
  void handleReissuedDuringTheHandlerIsNotClosedByTheStack() {
    MbufPool pool = new MbufPool(8, 64);
    NetStack stack = new NetStack(pool, NetStack.Config.host());
    stack.addInterface(NetInterface.ethernet("eth0", MAC, ADDR, 24), frame -> false);
    List<Mbuf> keptByHandler = new ArrayList<>();
    Mbuf[] reissued = new Mbuf[1];
    stack.register(253, (ifIndex, ip, payload, now) -> {
      keptByHandler.add(payload.move());
      // Other work closes buffers until the pool hands the lent handle object out again.
      for (int i = 0; i < 4 * MbufPool.HANDLE_QUARANTINE && reissued[0] == null; i++) {
        Mbuf m = pool.tryAllocate(0, 1000);
        if (m == payload) {
          reissued[0] = m; // now owned by this handler's other work, and open
        } else {
          m.close();
        }
      }
      return Verdict.DELIVERED;
    });
    byte[] frame = Frames.ip(MAC, MacAddr.parse("02:00:00:00:00:02"), Ipv4Addr.parse("10.0.0.2"),
        ADDR, 253, false, new byte[] {1, 2, 3});
    stack.receive(0, pool.tryCopyOf(frame), 0);
    assertTrue(reissued[0] != null, "the pool never reissued the lent handle");
    assertTrue(reissued[0].isOpen(), "the stack closed a buffer that was no longer its own");
    assertEquals(1, stack.stats().framesDelivered);
    reissued[0].close();
    keptByHandler.forEach(Mbuf::close);
    pool.checkNoLeaks();
  }
}
