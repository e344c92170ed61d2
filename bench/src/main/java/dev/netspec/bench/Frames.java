package dev.netspec.bench;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.EthernetHeader;
import dev.netspec.wire.EthernetView;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.MacAddr;
import dev.netspec.wire.UdpHeader;
import dev.netspec.wire.UdpView;

/** The frames the benchmarks push through: valid UDP/IPv4/Ethernet with correct checksums. */
public final class Frames {
    /** Bytes the NIC writes into host memory per frame (FCS stripped): Ethernet + IPv4 + UDP + data. */
    public static final int FRAME_BYTES = 64;
    /** UDP payload that makes a frame of {@link #FRAME_BYTES}: 64 - 14 - 20 - 8. */
    public static final int PAYLOAD_BYTES =
            FRAME_BYTES - EthernetView.HEADER_LEN - Ipv4View.MIN_HEADER_LEN - UdpView.HEADER_LEN;

    private Frames() {
    }

    /** One UDP datagram from {@code src:srcPort} to {@code dst:dstPort} in an Ethernet frame. */
    public static byte[] udp(MacAddr srcMac, MacAddr dstMac, Ipv4Addr src, Ipv4Addr dst, int srcPort,
            int dstPort) {
        Mbuf m = Mbuf.unpooled(FRAME_BYTES - PAYLOAD_BYTES, PAYLOAD_BYTES);
        int at = m.append(PAYLOAD_BYTES);
        for (int i = 0; i < PAYLOAD_BYTES; i++) {
            m.setU8(at + i, 'a' + i % 26);
        }
        new UdpHeader(srcPort, dstPort, PAYLOAD_BYTES).prependTo(m, src, dst);
        Ipv4Header.of(src, dst, Ipv4View.PROTO_UDP, 1, UdpView.HEADER_LEN + PAYLOAD_BYTES).prependTo(m);
        EthernetHeader.of(dstMac, srcMac, EthernetView.TYPE_IPV4).prependTo(m);
        byte[] frame = m.toByteArray();
        m.close();
        if (frame.length != FRAME_BYTES) {
            throw new IllegalStateException("frame is " + frame.length + " bytes, not " + FRAME_BYTES);
        }
        return frame;
    }
}
