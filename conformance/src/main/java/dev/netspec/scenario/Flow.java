package dev.netspec.scenario;

import dev.netspec.wire.MacAddr;
import java.util.ArrayDeque;

/**
 * A declared {@code flow}: the TCP connection packetdrill-style segment lines talk about, between
 * the scenario's remote end ({@code from}) and the stack's end ({@code to}) on one NIC.
 *
 * <p>Sequence numbers in segment lines are relative, as in packetdrill: the remote end's ISN is 0
 * (so its numbers are written as sent), and the stack's are relative to the ISN of the first SYN
 * the stack sends on the flow.
 */
final class Flow {
    /** A segment the stack sent on this flow, taken off the wire. */
    record Sent(long timeNs, byte[] frame) { }

    final String name;
    final Topology.NicInfo nic;
    final Values.Endpoint remote;
    final Values.Endpoint local;
    final MacAddr remoteMac;
    final ArrayDeque<Sent> sent = new ArrayDeque<>();
    static final long REMOTE_ISN = 0;
    Long stackIsn;

    Flow(String name, Topology.NicInfo nic, Values.Endpoint remote, Values.Endpoint local, MacAddr remoteMac) {
        this.name = name;
        this.nic = nic;
        this.remote = remote;
        this.local = local;
        this.remoteMac = remoteMac;
    }

    /** True if {@code frame} is a TCP segment from the stack's end to the remote end of this flow. */
    boolean matches(byte[] f) {
        if (f.length < Wire.ETH_LEN + 20 + 20 || Wire.get16(f, 12) != Wire.TYPE_IPV4 || (f[14] >>> 4) != 4
                || (f[23] & 0xff) != Wire.PROTO_TCP) {
            return false;
        }
        int ihl = (f[14] & 0x0f) * 4;
        int t = Wire.ETH_LEN + ihl;
        return Wire.getInt(f, 26) == local.address().bits() && Wire.getInt(f, 30) == remote.address().bits()
                && f.length >= t + 20 && Wire.get16(f, t) == local.port() && Wire.get16(f, t + 2) == remote.port();
    }
}
