package dev.netspec.scenario;

import dev.netspec.trace.ast.Arg;
import dev.netspec.trace.ast.Layer;
import dev.netspec.trace.ast.Value;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an Ethernet frame from a scenario's layer list ({@code eth(...) / ipv4(...) / udp(...) /
 * payload(...)}). Fields left out get defaults from where the frame goes (addresses of the NIC
 * and its link peer); lengths and checksums are computed unless the scenario gives them, so a
 * scenario can write a deliberately bad checksum. A list not starting with {@code eth} gets a
 * default Ethernet header.
 */
final class FrameBuilder {
    /** Addresses a frame gets by default: it goes from {@code src} to {@code dst}. */
    record Defaults(MacAddr srcMac, MacAddr dstMac, Ipv4Addr srcIp, Ipv4Addr dstIp) { }

    private final Values values;
    private int ident;

    FrameBuilder(Values values) {
        this.values = values;
    }

    byte[] build(List<Layer> layers, Defaults d) {
        return build(layers, 0, d, null);
    }

    private Map<String, Value> fields(Layer layer) {
        Map<String, Value> f = new HashMap<>();
        for (Arg a : layer.fields()) {
            if (a.name().isEmpty()) {
                throw ScenarioException.input(a.pos(), "layer " + layer.protocol() + " takes named fields, e.g. ttl=64");
            }
            f.put(a.name().get(), values.resolve(a.value()));
        }
        return f;
    }

    /** The bytes of layers[i..] (and their enclosing defaults); {@code ip} is the enclosing IPv4 header's addresses. */
    private byte[] build(List<Layer> layers, int i, Defaults d, int[] ip) {
        if (i == layers.size()) {
            return new byte[0];
        }
        Layer l = layers.get(i);
        Map<String, Value> f = fields(l);
        switch (l.protocol()) {
            case "eth" -> {
                byte[] inner = build(layers, i + 1, d, null);
                byte[] b = new byte[Wire.ETH_LEN + inner.length];
                Wire.putMac(b, 0, f.containsKey("dst") ? values.mac(f.get("dst")).bits() : d.dstMac().bits());
                Wire.putMac(b, 6, f.containsKey("src") ? values.mac(f.get("src")).bits() : d.srcMac().bits());
                int type = f.containsKey("type") ? numberOrWord(f.get("type"), Map.of("ipv4", Wire.TYPE_IPV4, "arp", Wire.TYPE_ARP), 0xffff, "eth type")
                        : i + 1 < layers.size() && layers.get(i + 1).protocol().equals("arp") ? Wire.TYPE_ARP : Wire.TYPE_IPV4;
                Wire.put16(b, 12, type);
                System.arraycopy(inner, 0, b, Wire.ETH_LEN, inner.length);
                return b;
            }
            case "arp" -> {
                byte[] b = new byte[28];
                int op = f.containsKey("op") ? numberOrWord(f.get("op"), Map.of("request", 1, "reply", 2), 2, "arp op") : 1;
                long sha = f.containsKey("sha") ? values.mac(f.get("sha")).bits() : d.srcMac().bits();
                long tha = f.containsKey("tha") ? values.mac(f.get("tha")).bits() : op == 1 ? 0 : d.dstMac().bits();
                int spa = f.containsKey("spa") ? values.ipv4(f.get("spa")).bits() : d.srcIp().bits();
                int tpa = f.containsKey("tpa") ? values.ipv4(f.get("tpa")).bits() : d.dstIp().bits();
                Wire.put16(b, 0, 1); // Ethernet (RFC 826)
                Wire.put16(b, 2, Wire.TYPE_IPV4);
                b[4] = 6;
                b[5] = 4;
                Wire.put16(b, 6, op);
                Wire.putMac(b, 8, sha);
                Wire.put32(b, 14, spa);
                Wire.putMac(b, 18, tha);
                Wire.put32(b, 24, tpa);
                return concat(b, build(layers, i + 1, d, null));
            }
            case "ipv4" -> {
                int src = f.containsKey("src") ? values.ipv4(f.get("src")).bits() : d.srcIp().bits();
                int dst = f.containsKey("dst") ? values.ipv4(f.get("dst")).bits() : d.dstIp().bits();
                byte[] inner = build(layers, i + 1, d, new int[] {src, dst});
                byte[] b = new byte[20 + inner.length];
                b[0] = 0x45;
                b[1] = (byte) (f.containsKey("tos") ? values.integer(f.get("tos"), 0, 255, "tos") : 0);
                Wire.put16(b, 2, b.length);
                Wire.put16(b, 4, (int) (f.containsKey("id") ? values.integer(f.get("id"), 0, 0xffff, "id") : ident++ & 0xffff));
                boolean df = f.containsKey("df") && values.word(f.get("df")).equals("TRUE");
                Wire.put16(b, 6, df ? 0x4000 : 0);
                b[8] = (byte) (f.containsKey("ttl") ? values.integer(f.get("ttl"), 0, 255, "ttl") : 64);
                int proto;
                if (f.containsKey("proto")) {
                    proto = numberOrWord(f.get("proto"), Map.of("icmp", Wire.PROTO_ICMP, "tcp", Wire.PROTO_TCP, "udp", Wire.PROTO_UDP), 255, "proto");
                } else {
                    String next = i + 1 < layers.size() ? layers.get(i + 1).protocol() : "";
                    proto = switch (next) {
                        case "icmp" -> Wire.PROTO_ICMP;
                        case "tcp" -> Wire.PROTO_TCP;
                        case "udp" -> Wire.PROTO_UDP;
                        default -> 253; // RFC 3692: for experimentation
                    };
                }
                b[9] = (byte) proto;
                Wire.put32(b, 12, src);
                Wire.put32(b, 16, dst);
                int sum = f.containsKey("checksum") ? (int) values.integer(f.get("checksum"), 0, 0xffff, "checksum") : Wire.checksum(b, 0, 20, 0);
                Wire.put16(b, 10, sum);
                System.arraycopy(inner, 0, b, 20, inner.length);
                return b;
            }
            case "icmp" -> {
                byte[] inner = build(layers, i + 1, d, null);
                byte[] b = new byte[8 + inner.length];
                b[0] = (byte) (f.containsKey("type") ? numberOrWord(f.get("type"),
                        Map.of("echo_request", 8, "echo_reply", 0, "unreachable", 3, "time_exceeded", 11), 255, "icmp type") : 8);
                b[1] = (byte) (f.containsKey("code") ? values.integer(f.get("code"), 0, 255, "code") : 0);
                Wire.put16(b, 4, (int) (f.containsKey("id") ? values.integer(f.get("id"), 0, 0xffff, "id") : 0));
                Wire.put16(b, 6, (int) (f.containsKey("seq") ? values.integer(f.get("seq"), 0, 0xffff, "seq") : 0));
                System.arraycopy(inner, 0, b, 8, inner.length);
                Wire.put16(b, 2, Wire.checksum(b, 0, b.length, 0));
                return b;
            }
            case "udp" -> {
                byte[] inner = build(layers, i + 1, d, null);
                byte[] b = new byte[8 + inner.length];
                Wire.put16(b, 0, (int) (f.containsKey("sport") ? values.integer(f.get("sport"), 0, 0xffff, "sport") : 1024));
                Wire.put16(b, 2, (int) (f.containsKey("dport") ? values.integer(f.get("dport"), 0, 0xffff, "dport") : 9));
                Wire.put16(b, 4, b.length);
                System.arraycopy(inner, 0, b, 8, inner.length);
                int sum;
                if (f.containsKey("checksum")) {
                    sum = (int) values.integer(f.get("checksum"), 0, 0xffff, "checksum");
                } else if (ip != null) {
                    sum = Wire.checksum(b, 0, b.length, Wire.pseudoHeader(ip[0], ip[1], Wire.PROTO_UDP, b.length));
                    sum = sum == 0 ? 0xffff : sum; // RFC 768: a computed zero is sent as all ones
                } else {
                    sum = 0;
                }
                Wire.put16(b, 6, sum);
                return b;
            }
            case "tcp" -> {
                byte[] inner = build(layers, i + 1, d, null);
                byte[] b = new byte[20 + inner.length];
                Wire.put16(b, 0, (int) (f.containsKey("sport") ? values.integer(f.get("sport"), 0, 0xffff, "sport") : 1024));
                Wire.put16(b, 2, (int) (f.containsKey("dport") ? values.integer(f.get("dport"), 0, 0xffff, "dport") : 80));
                Wire.put32(b, 4, f.containsKey("seq") ? values.integer(f.get("seq"), 0, 0xffffffffL, "seq") : 0);
                Wire.put32(b, 8, f.containsKey("ack") ? values.integer(f.get("ack"), 0, 0xffffffffL, "ack") : 0);
                b[12] = 0x50;
                b[13] = (byte) (f.containsKey("flags") ? Segments.flagBits(values.word(f.get("flags")), f.get("flags").pos()) : 0x02);
                Wire.put16(b, 14, (int) (f.containsKey("win") ? values.integer(f.get("win"), 0, 0xffff, "win") : 65535));
                System.arraycopy(inner, 0, b, 20, inner.length);
                if (ip != null) {
                    Wire.put16(b, 16, Wire.checksum(b, 0, b.length, Wire.pseudoHeader(ip[0], ip[1], Wire.PROTO_TCP, b.length)));
                }
                return b;
            }
            case "payload" -> {
                byte[] data = f.containsKey("bytes") ? values.data(f.get("bytes"))
                        : f.containsKey("text") ? values.data(f.get("text")) : new byte[0];
                if (f.containsKey("len")) {
                    int len = (int) values.integer(f.get("len"), 0, 65535, "len");
                    byte[] sized = new byte[len];
                    System.arraycopy(data, 0, sized, 0, Math.min(len, data.length));
                    data = sized;
                }
                return concat(data, build(layers, i + 1, d, null));
            }
            default -> throw ScenarioException.unsupported(l.pos(), "layer " + l.protocol());
        }
    }

    private int numberOrWord(Value v, Map<String, Integer> words, long max, String what) {
        if (v instanceof Value.Name n && words.containsKey(n.name())) {
            return words.get(n.name());
        }
        return (int) values.integer(v, 0, max, what);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
