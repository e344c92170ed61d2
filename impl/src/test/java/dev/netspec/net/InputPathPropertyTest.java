package dev.netspec.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.ArpPacket;
import dev.netspec.wire.EthernetHeader;
import dev.netspec.wire.IcmpMessage;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Parsed;
import dev.netspec.wire.UdpHeader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Bad input, as properties: any byte sequence delivered as a frame never throws; it ends
 * delivered, forwarded, held or dropped under a named reason (the ledgers balance after every
 * frame); and the pool has every buffer back after every run.
 */
class InputPathPropertyTest {

  /** One frame to feed: a template mutated, or random bytes, and how to deliver it. */
  record Step(int ifIndex, byte[] frame, boolean txAccepting, boolean drain, long advance) {
    @Override
    public String toString() {
      return "Step[if=" + ifIndex + ", tx=" + txAccepting + ", drain=" + drain + ", +"
          + advance + "ns, " + java.util.HexFormat.of().formatHex(frame) + "]";
    }
  }

  private static final Gen<byte[]> RANDOM_BYTES =
      Generate.byteArrays(Generate.range(0, 100), Generate.bytes((byte) -128, (byte) 127, (byte) 0));

  /** A template with up to 6 byte overwrites, an optional cut, and optionally fixed checksums. */
  private static final Gen<byte[]> MUTATED = Generate.pick(Templates.ALL)
      .zip(lists().of(integers().between(0, (1 << 16) - 1)).ofSizeBetween(0, 6),
          integers().between(0, 120), Generate.booleans(),
          (t, edits, cut, fix) -> {
            byte[] f = t.frame().clone();
            for (int e : edits) {
              if (f.length > 0) {
                f[(e >>> 8) % f.length] = (byte) e;
              }
            }
            if (cut < f.length) {
              f = Arrays.copyOf(f, cut);
            }
            if (fix) {
              InputHarness.fixChecksums(f);
            }
            return f;
          });

  private static final Gen<Step> STEP = Generate.frequency(
          org.quicktheories.api.Pair.of(1, RANDOM_BYTES), org.quicktheories.api.Pair.of(4, MUTATED))
      .zip(Generate.range(0, 1), Generate.range(0, 9), Generate.longRange(0, 2_000_000_000L),
          (frame, ifIndex, knobs, advance) ->
              new Step(ifIndex, frame, knobs != 0, knobs % 3 == 0, advance));

  @Test
  void everyFrameIsAccountedForAndNoBufferLeaks() {
    qt().withExamples(400).forAll(lists().of(STEP).ofSizeBetween(1, 15)).checkAssert(steps -> {
      try (InputHarness h = new InputHarness()) {
        long now = 0;
        for (Step s : steps) {
          now += s.advance();
          h.txAccepting = s.txAccepting();
          h.feed(s.ifIndex(), s.frame(), now);
          if (s.drain()) {
            h.drainSocket();
          }
        }
        // Let every ARP timer run out: each poll retransmits or gives up, so this ends.
        for (int i = 0; i < 100 && h.stack.pollAt() != Long.MAX_VALUE; i++) {
          now = Math.max(now, h.stack.pollAt());
          h.stack.poll(now);
          h.check();
        }
        assertEquals(0, h.stack.stats().inputHeld() + h.stack.stats().outputHeld());
      }
    });
  }

  /** The parsers alone: never throw, whatever the bytes. */
  @Test
  void parsersNeverThrow() {
    qt().withExamples(2000).forAll(RANDOM_BYTES.mix(MUTATED)).checkAssert(bytes -> {
      try (Mbuf m = Mbuf.copyOf(bytes)) {
        Parsed<EthernetHeader> eth = EthernetHeader.parse(m);
        assertTrue(eth.isOk() || bytes.length >= 0);
        if (eth instanceof Parsed.Ok<EthernetHeader> ok) {
          m.trimFront(ok.value().headerLen());
        }
        ArpPacket.parse(m);
        Parsed<Ipv4Header> ip = Ipv4Header.parse(m);
        if (ip instanceof Parsed.Ok<Ipv4Header> ok) {
          m.truncate(ok.value().totalLength());
          m.trimFront(ok.value().headerLen());
          UdpHeader.parse(m, ok.value().source(), ok.value().destination());
        }
        IcmpMessage.parse(m);
      }
    });
  }

  /** Sanity for the generators: the unmutated templates reach the deep paths they name. */
  @Test
  void templatesReachTheirPaths() {
    try (InputHarness h = new InputHarness()) {
      for (Templates.Template t : Templates.ALL) {
        h.feed(t.ifIndex(), t.frame(), 0);
      }
      NetStats s = h.stack.stats();
      assertEquals(0, s.inputDrops(DropReason.MALFORMED), s.toString());
      assertEquals(1, s.inputDrops(DropReason.TTL_EXPIRED));
      assertEquals(1, s.inputDrops(DropReason.NO_ROUTE));
      assertEquals(1, s.inputDrops(DropReason.UDP_NO_PORT));
      assertEquals(1, s.inputDrops(DropReason.FRAGMENT_NOT_REASSEMBLED));
      assertEquals(1, s.framesForwarded()); // released by the VLAN ARP reply
      assertEquals(2, h.socket.queuedDatagrams());
      assertTrue(List.of(h.stack.arpCache(0).size(), h.stack.arpCache(1).size())
          .stream().allMatch(n -> n == 1));
    }
  }
}
