package dev.netspec.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netspec.wire.Ipv4Addr;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class SynCookiesTest {
  static final long PERIOD = 64_000_000_000L;
  private final SynCookies cookies = new SynCookies(new byte[16]);
  private final Ipv4Addr l = Ipv4Addr.parse("10.0.0.2");
  private final Ipv4Addr r = Ipv4Addr.parse("10.0.0.1");
  private final SeqNum irs = SeqNum.of(123_456_789L);

  @Test
  void aCookieVerifiesForItsOwnTupleAndClientIsnAndCarriesTheMss() {
    SeqNum c = cookies.make(l, 80, r, 5000, irs, 1460, 5 * PERIOD);
    assertEquals(1460, cookies.check(l, 80, r, 5000, irs, c, 5 * PERIOD));
    assertEquals(1460, cookies.check(l, 80, r, 5000, irs, c, 6 * PERIOD + 1), "one period old");
    assertEquals(-1, cookies.check(l, 80, r, 5000, irs, c, 7 * PERIOD), "expired");
    assertEquals(-1, cookies.check(l, 80, r, 5001, irs, c, 5 * PERIOD), "other port");
    assertEquals(-1, cookies.check(l, 80, r, 5000, irs.plus(1), c, 5 * PERIOD), "other ISN");
    assertEquals(-1, cookies.check(l, 80, r, 5000, irs, c.plus(1), 5 * PERIOD), "forged");
  }

  @Test
  void mssIsRoundedDownToTheTable() {
    SeqNum c = cookies.make(l, 80, r, 5000, irs, 1300, 0);
    assertEquals(1220, cookies.check(l, 80, r, 5000, irs, c, 0));
    SeqNum tiny = cookies.make(l, 80, r, 5000, irs, 100, 0);
    assertEquals(536, cookies.check(l, 80, r, 5000, irs, tiny, 0));
  }

  @Test
  void cookieTimestampsCarryTheSynOptionsAndNeverRunAheadOfTheClock() {
    qt().forAll(integers().all(), integers().between(-1, 14), booleans().all())
        .checkAssert((clock, scale, sack) -> {
          SynCookies.Options o = new SynCookies.Options(scale, sack);
          int tsval = SynCookies.encodeTsval(clock, o);
          assertEquals(o, SynCookies.decodeTsecr(tsval), "round trip through TSval/TSecr");
          int behind = clock - tsval; // RFC 7323 5.2: modular comparison
          assertTrue(behind >= 0 && behind < 2 << SynCookies.OPTION_BITS,
              "TSval " + tsval + " is at most one field step behind clock " + clock);
        });
  }
}
