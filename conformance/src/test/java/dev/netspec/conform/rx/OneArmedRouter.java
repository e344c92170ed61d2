package dev.netspec.conform.rx;

import dev.netspec.driver.Design;
import dev.netspec.driver.DriverConfig;
import dev.netspec.driver.Softnet;
import dev.netspec.host.Host;
import dev.netspec.host.Iface;
import dev.netspec.host.Network;
import dev.netspec.host.PacketGenerator;
import dev.netspec.host.ScreendConfig;
import dev.netspec.nic.LinkParams;
import dev.netspec.nic.Nic;
import dev.netspec.nic.NicConfig;
import dev.netspec.sim.CostModel;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;

/**
 * Test fixture: the router shape ReceivePath models, built in Java. A packet generator on a bare
 * NIC sends UDP datagrams for 10.0.9.9 to router r, which forwards them back out of its one
 * interface to the generator's address (its gateway for 10.0.9.0/24); the generator's NIC has
 * no buffers, so what comes back is simply missed there.
 */
final class OneArmedRouter {
    static final MacAddr GEN_MAC = MacAddr.parse("02:00:00:00:00:02");
    static final MacAddr R_MAC = MacAddr.parse("02:00:00:00:00:01");

    final Network net;
    final Host router;
    final Iface eth0;
    final Nic gen;

    /** Parameters, with small defaults so traces stay short. */
    record Params(Design design, boolean screend, int ring, int txRing, int queueCap, int quota,
            long outBps, long moderationNs) {
        static Params of(Design d) {
            return new Params(d, false, 4, 2, 3, 2, 100_000_000L, 0);
        }

        Params withScreend() {
            return new Params(design, true, ring, txRing, queueCap, quota, outBps, moderationNs);
        }

        /** The router's output direction at {@code bps} (the input stays at 100 Mb/s). */
        Params withOutput(long bps) {
            return new Params(design, screend, ring, txRing, queueCap, quota, bps, moderationNs);
        }

        Params withQueueCap(int cap) {
            return new Params(design, screend, ring, txRing, cap, quota, outBps, moderationNs);
        }
    }

    OneArmedRouter(Params p) {
        net = new Network(7);
        router = net.addHost("r", CostModel.dec3000(),
                new Host.Options(64, 64, new Softnet.Limits(p.queueCap(), p.queueCap(), p.quota()), true));
        DriverConfig dc = new DriverConfig(p.design(), p.quota(), Math.max(p.quota(), 64), 1536);
        eth0 = router.addInterface("eth0", R_MAC, Ipv4Addr.parse("10.0.1.1"), 24,
                new NicConfig(p.ring(), p.txRing(), p.moderationNs()), dc);
        router.addRoute(Ipv4Addr.parse("10.0.9.0"), 24, eth0, Ipv4Addr.parse("10.0.1.2"));
        router.addNeighbour(Ipv4Addr.parse("10.0.1.2"), GEN_MAC);
        if (p.screend()) {
            // High watermark one below the limit, low at 1: a hysteresis band wide enough to see.
            router.enableScreend(new ScreendConfig(p.queueCap(), Math.max(1, p.queueCap() - 1), Math.min(1, p.queueCap() - 2)));
        }
        gen = net.addBareNic("gen", new NicConfig(64, 64, 0));
        net.link(gen, eth0.nic(), LinkParams.ideal(100_000_000L, 1_000), LinkParams.ideal(p.outBps(), 1_000));
    }

    /** Starts {@code count} packets at {@code pps} (constant spacing), and runs until all is quiet. */
    void send(int count, double pps) {
        PacketGenerator g = new PacketGenerator(net.sim(), gen, new PacketGenerator.Flow(GEN_MAC, R_MAC,
                Ipv4Addr.parse("10.0.1.2"), Ipv4Addr.parse("10.0.9.9"), 1234, 9, 18), pps, false);
        long gapNs = Math.round(1e9 / pps);
        g.start(net.sim().now() + gapNs * count + 1);
        net.runFor(gapNs * (count + 1) + 50_000_000L);
    }

    /**
     * Builds the router with {@code faults} on, records {@code count} packets at {@code pps} through
     * ReceivePathAbstraction (with {@code bindings}) and returns the trace.
     */
    static dev.netspec.conform.RecordedTrace record(Params p, int count, double pps, java.util.Map<String, String> bindings,
            java.util.Set<dev.netspec.fault.Fault> faults) {
        return dev.netspec.fault.Faults.with(faults, () -> {
            OneArmedRouter r = new OneArmedRouter(p);
            dev.netspec.conform.Abstraction.Recording rec = new ReceivePathAbstraction().attach(r.router, bindings);
            r.send(count, pps);
            return rec.finish(p.design().label() + (faults.isEmpty() ? "" : " " + faults));
        });
    }

    static dev.netspec.conform.RecordedTrace record(Params p, int count, double pps) {
        return record(p, count, pps, java.util.Map.of(), java.util.Set.of());
    }
}
