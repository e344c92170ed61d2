package dev.netspec.bench;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.driver.BenchDriverPort;
import dev.netspec.driver.Design;
import dev.netspec.driver.Driver;
import dev.netspec.driver.DriverConfig;
import dev.netspec.driver.Softnet;
import dev.netspec.net.NetInterface;
import dev.netspec.net.NetStack;
import dev.netspec.nic.BenchNicPort;
import dev.netspec.nic.Nic;
import dev.netspec.nic.NicConfig;
import dev.netspec.nic.RxRing;
import dev.netspec.nic.TxRing;
import dev.netspec.sim.CostModel;
import dev.netspec.sim.Cpu;
import dev.netspec.sim.Simulator;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;

/**
 * The forwarding path of a two-interface router, driven directly on the calling thread: a burst of
 * 64-byte UDP frames is DMAed into eth0's RX ring; the driver takes each one and refills the slot;
 * the {@link NetStack} validates the IPv4 header, looks up the route, decrements the TTL with the
 * RFC 1624 incremental checksum update, rewrites the Ethernet header (warm ARP entry) and hands the
 * frame to eth1's output queue; eth1's driver moves it to the TX ring (if_start), the NIC reads it
 * out, and the driver reclaims the descriptor, freeing the buffer. Every batch checks that every
 * frame went out with TTL 63.
 */
public final class ForwardingPath {
    private final int batch;
    private final MbufPool pool;
    private final Driver in;
    private final Driver out;
    private final RxRing rx;
    private final TxRing tx;
    private final NetStack stack;
    private final byte[] frame;
    private final byte[] wire = new byte[2048];
    private long forwarded;

    public ForwardingPath(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        this.batch = batch;
        Simulator sim = new Simulator(1); // only to construct the NICs; no event is ever scheduled
        CostModel cost = CostModel.dec3000(); // unused: no CPU step runs
        pool = new MbufPool(16, 3 * batch + 16);
        Softnet softnet = new Softnet(new Cpu(sim, cost), cost, pool, new Softnet.Limits(batch, batch, 300));
        Nic nic0 = new Nic(sim, "eth0", new NicConfig(batch, batch, 0));
        Nic nic1 = new Nic(sim, "eth1", new NicConfig(batch, batch, 0));
        in = Driver.attach(nic0, softnet, DriverConfig.of(Design.NAPI));
        out = Driver.attach(nic1, softnet, DriverConfig.of(Design.NAPI));
        rx = nic0.rxRing();
        tx = nic1.txRing();
        MacAddr mac0 = MacAddr.parse("02:00:00:00:01:01");
        MacAddr mac1 = MacAddr.parse("02:00:00:00:02:01");
        stack = new NetStack(pool, NetStack.Config.router());
        stack.addInterface(NetInterface.ethernet("eth0", mac0, Ipv4Addr.parse("10.0.1.1"), 24), in::offer);
        stack.addInterface(NetInterface.ethernet("eth1", mac1, Ipv4Addr.parse("10.0.2.1"), 24), out::offer);
        Ipv4Addr sink = Ipv4Addr.parse("10.0.2.2");
        stack.arpCache(1).update(sink, MacAddr.parse("02:00:00:00:02:02"), 0, true); // warm, as in the paper
        frame = Frames.udp(MacAddr.parse("02:00:00:00:01:02"), mac0, Ipv4Addr.parse("10.0.1.2"), sink,
                40000, 9);
    }

    /** One burst: {@code batch} frames in on eth0 and out of eth1. Returns the bytes sent. */
    public long runBatch() {
        for (int i = 0; i < batch; i++) {
            if (!BenchNicPort.dma(rx, frame)) {
                throw new IllegalStateException("RX ring full at frame " + i);
            }
        }
        for (int i = 0; i < batch; i++) {
            Mbuf m = BenchDriverPort.takeAndRefill(in);
            if (m == null) {
                throw new IllegalStateException("driver got no frame at " + i);
            }
            stack.receive(0, m, 0);
        }
        long sent = 0;
        for (int i = 0; i < batch; i++) {
            if (!BenchDriverPort.startOne(out)) {
                throw new IllegalStateException("frame " + i + " of the burst was not forwarded: " + stack.stats());
            }
            int len = BenchNicPort.send(tx, wire);
            if (wire[14 + 8] != 63) { // IPv4 TTL, decremented from 64
                throw new IllegalStateException("forwarded frame has TTL " + wire[14 + 8]);
            }
            sent += len;
        }
        for (int i = 0; i < batch; i++) {
            BenchDriverPort.reclaimOne(out);
        }
        forwarded += batch;
        return sent;
    }

    public long forwarded() {
        return forwarded;
    }

    public MbufPool pool() {
        return pool;
    }

    public NetStack stack() {
        return stack;
    }
}
