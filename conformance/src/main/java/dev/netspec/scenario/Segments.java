package dev.netspec.scenario;

import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.TcpOption;
import java.util.ArrayList;
import java.util.List;

/**
 * packetdrill's TCP segment notation: flag letters, options, and what the stack actually sent,
 * printed the same way so an expected and an actual segment can be compared by eye.
 */
final class Segments {
    private Segments() {
    }

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    static final int URG = 0x20;
    static final int ECE = 0x40;
    static final int CWR = 0x80;

    /** packetdrill flag letters to header bits: S F P R U E W, and {@code .} for ACK. */
    static int flagBits(String letters, Pos pos) {
        int bits = 0;
        for (char c : letters.toCharArray()) {
            bits |= switch (c) {
                case 'S' -> SYN;
                case 'F' -> FIN;
                case 'P' -> PSH;
                case 'R' -> RST;
                case 'U' -> URG;
                case 'E' -> ECE;
                case 'W' -> CWR;
                case '.' -> ACK;
                default -> throw ScenarioException.input(pos, "unknown TCP flag '" + c + "' (flags: S F P R U E W and . for ACK)");
            };
        }
        return bits;
    }

    /** The bits in packetdrill's order ({@code S.}, {@code F.}, {@code P.}, {@code R}). */
    static String flagLetters(int bits) {
        StringBuilder s = new StringBuilder();
        if ((bits & SYN) != 0) {
            s.append('S');
        }
        if ((bits & FIN) != 0) {
            s.append('F');
        }
        if ((bits & PSH) != 0) {
            s.append('P');
        }
        if ((bits & RST) != 0) {
            s.append('R');
        }
        if ((bits & URG) != 0) {
            s.append('U');
        }
        if ((bits & ECE) != 0) {
            s.append('E');
        }
        if ((bits & CWR) != 0) {
            s.append('W');
        }
        if ((bits & ACK) != 0) {
            s.append('.');
        }
        return s.toString();
    }

    /** One option as the executor compares them (NOP and EOL are padding and not compared). */
    record Opt(String kind, long a, long b) {
        String show() {
            return switch (kind) {
                case "mss" -> "mss " + a;
                case "wscale" -> "wscale " + a;
                case "TS" -> "TS val " + a + " ecr " + b;
                case "sack" -> "sack " + a + ":" + b;
                default -> kind;
            };
        }
    }

    /** The option bytes for the written options (padded with NOPs... and EOL to a multiple of four). */
    static byte[] encode(List<TcpOption> options) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (TcpOption o : options) {
            switch (o.kind()) {
                case "nop" -> out.write(1);
                case "eol" -> out.write(0);
                case "mss" -> {
                    int v = number(o, 0);
                    out.writeBytes(new byte[] {2, 4, (byte) (v >>> 8), (byte) v});
                }
                case "sackOK" -> out.writeBytes(new byte[] {4, 2});
                case "wscale" -> out.writeBytes(new byte[] {3, 3, (byte) number(o, 0)});
                case "TS" -> {
                    byte[] b = new byte[10];
                    b[0] = 8;
                    b[1] = 10;
                    Wire.put32(b, 2, Long.parseLong(o.words().get(1)));
                    Wire.put32(b, 6, Long.parseLong(o.words().get(3)));
                    out.writeBytes(b);
                }
                default -> throw ScenarioException.unsupported(o.pos(), "TCP option " + o.kind());
            }
        }
        while (out.size() % 4 != 0) {
            out.write(0); // EOL pads to the 32-bit boundary (RFC 9293 3.1)
        }
        return out.toByteArray();
    }

    private static int number(TcpOption o, int i) {
        try {
            return Integer.parseInt(o.words().get(i));
        } catch (RuntimeException e) {
            throw ScenarioException.input(o.pos(), "option " + o.kind() + " needs a number");
        }
    }

    /** The written options, as compared (padding left out; TS values kept). */
    static List<Opt> written(List<TcpOption> options) {
        List<Opt> out = new ArrayList<>();
        for (TcpOption o : options) {
            switch (o.kind()) {
                case "nop", "eol" -> { }
                case "mss" -> out.add(new Opt("mss", number(o, 0), 0));
                case "wscale" -> out.add(new Opt("wscale", number(o, 0), 0));
                case "sackOK" -> out.add(new Opt("sackOK", 0, 0));
                case "TS" -> out.add(new Opt("TS", Long.parseLong(o.words().get(1)), Long.parseLong(o.words().get(3))));
                default -> throw ScenarioException.unsupported(o.pos(), "TCP option " + o.kind());
            }
        }
        return out;
    }

    /** The options in a received header's option bytes. Unknown kinds are shown by number. */
    static List<Opt> parse(byte[] b, int off, int len) {
        List<Opt> out = new ArrayList<>();
        int i = off;
        int end = off + len;
        while (i < end) {
            int kind = b[i] & 0xff;
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                break;
            }
            int l = b[i + 1] & 0xff;
            if (l < 2 || i + l > end) {
                out.add(new Opt("bad-option-" + kind, 0, 0));
                break;
            }
            switch (kind) {
                case 2 -> out.add(new Opt("mss", Wire.get16(b, i + 2), 0));
                case 3 -> out.add(new Opt("wscale", b[i + 2] & 0xff, 0));
                case 4 -> out.add(new Opt("sackOK", 0, 0));
                case 5 -> {
                    for (int j = i + 2; j + 8 <= i + l; j += 8) {
                        out.add(new Opt("sack", Wire.get32(b, j), Wire.get32(b, j + 4)));
                    }
                }
                case 8 -> out.add(new Opt("TS", Wire.get32(b, i + 2), Wire.get32(b, i + 6)));
                default -> out.add(new Opt("option-" + kind, 0, 0));
            }
            i += l;
        }
        return out;
    }

    static String show(List<Opt> opts) {
        return opts.isEmpty() ? "" : " <" + String.join(",", opts.stream().map(Opt::show).toList()) + ">";
    }
}
