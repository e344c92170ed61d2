package dev.netspec.wire;

import dev.netspec.buf.Mbuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP options this stack understands, as a value. Absent options are {@code -1} (numbers),
 * {@code false}, {@code null} or an empty list. Unknown options are skipped on input (RFC 9293
 * 3.1, MUST-6: "A TCP implementation MUST ignore without error any TCP option it does not
 * implement, assuming that the option has a length field").
 *
 * @param mss maximum segment size (RFC 9293 3.7.1, kind 2, length 4), or -1
 * @param windowScale window scale shift count (RFC 7323 2.2, kind 3, length 3), or -1; values
 *     above 14 are carried as received (RFC 7323 2.3: the receiver clamps to 14, not the parser)
 * @param sackPermitted SACK-permitted (RFC 2018 2, kind 4, length 2)
 * @param timestamps TSval/TSecr (RFC 7323 3.2, kind 8, length 10), or null
 * @param sackBlocks SACK blocks (RFC 2018 3, kind 5, length 2 + 8n, 1 <= n <= 4)
 */
public record TcpOptions(int mss, int windowScale, boolean sackPermitted, Timestamps timestamps,
    List<SackBlock> sackBlocks) {

  public static final int KIND_EOL = 0;
  public static final int KIND_NOP = 1;
  public static final int KIND_MSS = 2;
  public static final int KIND_WINDOW_SCALE = 3;
  public static final int KIND_SACK_PERMITTED = 4;
  public static final int KIND_SACK = 5;
  public static final int KIND_TIMESTAMPS = 8;

  /** No options at all. */
  public static final TcpOptions NONE = new TcpOptions(-1, -1, false, null, List.of());

  /** RFC 7323 3.2: TSval and TSecr, 32 bits each, as on the wire. */
  public record Timestamps(int value, int echoReply) {}

  /** RFC 2018 3: one block of received bytes [left, right), 32-bit sequence numbers. */
  public record SackBlock(int left, int right) {}

  public TcpOptions {
    if (mss < -1 || mss > 0xFFFF || windowScale < -1 || windowScale > 0xFF) {
      throw new IllegalArgumentException("TCP option out of range");
    }
    sackBlocks = List.copyOf(sackBlocks);
    if (sackBlocks.size() > 4) {
      throw new IllegalArgumentException("at most 4 SACK blocks fit in 40 option bytes");
    }
    int need = length(mss, windowScale, sackPermitted, timestamps, sackBlocks.size());
    if (need > TcpView.MAX_HEADER_LEN - TcpView.MIN_HEADER_LEN) {
      throw new IllegalArgumentException("options need " + need + " bytes; 40 fit");
    }
  }

  public TcpOptions withMss(int v) {
    return new TcpOptions(v, windowScale, sackPermitted, timestamps, sackBlocks);
  }

  public TcpOptions withWindowScale(int v) {
    return new TcpOptions(mss, v, sackPermitted, timestamps, sackBlocks);
  }

  public TcpOptions withSackPermitted(boolean v) {
    return new TcpOptions(mss, windowScale, v, timestamps, sackBlocks);
  }

  public TcpOptions withTimestamps(Timestamps v) {
    return new TcpOptions(mss, windowScale, sackPermitted, v, sackBlocks);
  }

  public TcpOptions withSackBlocks(List<SackBlock> v) {
    return new TcpOptions(mss, windowScale, sackPermitted, timestamps, v);
  }

  /**
   * Parses the option bytes {@code [from, to)} of {@code buf}. Rejects an option whose length is
   * below 2 or runs past the header (RFC 9293 3.1, MUST-7: "be prepared to handle an illegal
   * option length (e.g., zero)"), and a known option with the wrong length.
   */
  public static Parsed<TcpOptions> parse(Mbuf buf, int from, int to) {
    int mss = -1;
    int ws = -1;
    boolean sackOk = false;
    Timestamps ts = null;
    List<SackBlock> sack = List.of();
    int i = from;
    while (i < to) {
      int kind = buf.getU8(i);
      if (kind == KIND_EOL) {
        break; // RFC 9293 3.1: end of the option list; the rest is padding
      }
      if (kind == KIND_NOP) {
        i++;
        continue;
      }
      if (i + 1 >= to) {
        return Parsed.rejected(Rejection.TCP_BAD_OPTION_LENGTH);
      }
      int len = buf.getU8(i + 1);
      if (len < 2 || i + len > to) {
        return Parsed.rejected(Rejection.TCP_BAD_OPTION_LENGTH);
      }
      switch (kind) {
        case KIND_MSS -> {
          if (len != 4) {
            return Parsed.rejected(Rejection.TCP_BAD_MSS_OPTION);
          }
          mss = buf.getU16(i + 2);
        }
        case KIND_WINDOW_SCALE -> {
          if (len != 3) {
            return Parsed.rejected(Rejection.TCP_BAD_WINDOW_SCALE_OPTION);
          }
          ws = buf.getU8(i + 2);
        }
        case KIND_SACK_PERMITTED -> {
          if (len != 2) {
            return Parsed.rejected(Rejection.TCP_BAD_SACK_OPTION);
          }
          sackOk = true;
        }
        case KIND_SACK -> {
          int n = (len - 2) / 8;
          if ((len - 2) % 8 != 0 || n < 1 || n > 4) {
            return Parsed.rejected(Rejection.TCP_BAD_SACK_OPTION);
          }
          List<SackBlock> blocks = new ArrayList<>(n);
          for (int b = 0; b < n; b++) {
            blocks.add(new SackBlock(buf.getI32(i + 2 + 8 * b), buf.getI32(i + 6 + 8 * b)));
          }
          sack = blocks;
        }
        case KIND_TIMESTAMPS -> {
          if (len != 10) {
            return Parsed.rejected(Rejection.TCP_BAD_TIMESTAMPS_OPTION);
          }
          ts = new Timestamps(buf.getI32(i + 2), buf.getI32(i + 6));
        }
        default -> { } // unknown: skipped (MUST-6)
      }
      i += len;
    }
    if (mss < 0 && ws < 0 && !sackOk && ts == null && sack.isEmpty()) {
      return Parsed.ok(NONE);
    }
    return Parsed.ok(new TcpOptions(mss, ws, sackOk, ts, sack));
  }

  /**
   * Bytes {@link #emit} writes, a multiple of 4. The layout is Linux's, which aligns every
   * multi-byte field to its size: MSS (4); SACK-permitted + timestamps (12) or NOP NOP +
   * timestamps (12) or NOP NOP + SACK-permitted (4); NOP + window scale (4); NOP NOP + SACK blocks.
   */
  public int length() {
    return length(mss, windowScale, sackPermitted, timestamps, sackBlocks.size());
  }

  private static int length(int mss, int windowScale, boolean sackPermitted, Timestamps timestamps,
      int sackBlocks) {
    int n = 0;
    if (mss >= 0) {
      n += 4;
    }
    if (timestamps != null) {
      n += 12;
    } else if (sackPermitted) {
      n += 4;
    }
    if (windowScale >= 0) {
      n += 4;
    }
    if (sackBlocks > 0) {
      n += 4 + 8 * sackBlocks;
    }
    return n;
  }

  /** Writes the options at packet index {@code at} of {@code buf}; returns bytes written. */
  public int emit(Mbuf buf, int at) {
    if (mss < 0 && windowScale < 0 && timestamps != null && sackBlocks.isEmpty()) {
      // Every segment of an established connection with timestamps: the layout below in three
      // stores (NOP NOP or SACK-permitted, then kind 8 length 10, TSval, TSecr).
      buf.setI32(at, (sackPermitted ? KIND_SACK_PERMITTED << 24 | 2 << 16
          : KIND_NOP << 24 | KIND_NOP << 16) | KIND_TIMESTAMPS << 8 | 10);
      buf.setI32(at + 4, timestamps.value());
      buf.setI32(at + 8, timestamps.echoReply());
      return 12;
    }
    int i = at;
    if (mss >= 0) {
      buf.setU8(i, KIND_MSS);
      buf.setU8(i + 1, 4);
      buf.setU16(i + 2, mss);
      i += 4;
    }
    if (timestamps != null) {
      if (sackPermitted) {
        buf.setU8(i, KIND_SACK_PERMITTED);
        buf.setU8(i + 1, 2);
      } else {
        buf.setU8(i, KIND_NOP);
        buf.setU8(i + 1, KIND_NOP);
      }
      buf.setU8(i + 2, KIND_TIMESTAMPS);
      buf.setU8(i + 3, 10);
      buf.setI32(i + 4, timestamps.value());
      buf.setI32(i + 8, timestamps.echoReply());
      i += 12;
    } else if (sackPermitted) {
      buf.setU8(i, KIND_NOP);
      buf.setU8(i + 1, KIND_NOP);
      buf.setU8(i + 2, KIND_SACK_PERMITTED);
      buf.setU8(i + 3, 2);
      i += 4;
    }
    if (windowScale >= 0) {
      buf.setU8(i, KIND_NOP);
      buf.setU8(i + 1, KIND_WINDOW_SCALE);
      buf.setU8(i + 2, 3);
      buf.setU8(i + 3, windowScale);
      i += 4;
    }
    if (!sackBlocks.isEmpty()) {
      buf.setU8(i, KIND_NOP);
      buf.setU8(i + 1, KIND_NOP);
      buf.setU8(i + 2, KIND_SACK);
      buf.setU8(i + 3, 2 + 8 * sackBlocks.size());
      i += 4;
      for (SackBlock b : sackBlocks) {
        buf.setI32(i, b.left());
        buf.setI32(i + 4, b.right());
        i += 8;
      }
    }
    return i - at;
  }
}
