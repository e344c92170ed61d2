package dev.netspec.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.driver.Design;
import dev.netspec.driver.DriverConfig;
import dev.netspec.nic.LinkParams;
import dev.netspec.nic.NicConfig;
import dev.netspec.sim.CostModel;
import dev.netspec.sim.Priority;
import dev.netspec.socket.Errno;
import dev.netspec.socket.SysResult;
import dev.netspec.socket.TcpSockets;
import dev.netspec.tcp.TcpState;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * TCP inside {@link Host}: two hosts on a simulated link (NICs, drivers, CPU costs), a transfer
 * driven only by the simulator's clock: timers fire as simulator events, segments are charged on
 * the receiving host's CPU, and a lossy link is recovered by retransmission (RFC 6298).
 */
class HostTcpTest {
    private static final Ipv4Addr A = Ipv4Addr.parse("10.0.0.1");
    private static final Ipv4Addr B = Ipv4Addr.parse("10.0.0.2");

    private record Pair(Network net, Host a, Host b) { }

    private static Pair pair(long seed, double loss, Design design) {
        Network net = new Network(seed);
        Host a = net.addHost("a", CostModel.dec3000().withCpuHz(1_500_000_000L));
        Host b = net.addHost("b", CostModel.dec3000().withCpuHz(1_500_000_000L));
        Iface ea = a.addInterface("eth0", MacAddr.parse("02:00:00:00:00:01"), A, 24, new NicConfig(64, 64, 0),
                DriverConfig.of(design));
        Iface eb = b.addInterface("eth0", MacAddr.parse("02:00:00:00:00:02"), B, 24, new NicConfig(64, 64, 0),
                DriverConfig.of(design));
        net.link(ea.nic(), eb.nic(), LinkParams.ideal(100_000_000L, 50_000).withFaults(loss, 0, 0, 0, 0));
        return new Pair(net, a, b);
    }

    /** Runs the simulator until {@code done} or {@code limitNs} of virtual time has passed. */
    private static void runUntil(Network net, long limitNs, java.util.function.BooleanSupplier done) {
        long end = net.sim().now() + limitNs;
        while (!done.getAsBoolean() && net.sim().now() < end && net.sim().hasPending()) {
            net.sim().step();
        }
    }

    private static byte[] transfer(Pair p, byte[] data, long limitNs) {
        TcpSockets sa = p.a().tcpSockets();
        TcpSockets sb = p.b().tcpSockets();
        int lfd = p.b().call(sb::socket).orThrow();
        assertEquals(0, p.b().call(() -> sb.bind(lfd, B, 80)).orThrow());
        assertEquals(0, p.b().call(() -> sb.listen(lfd, 4)).orThrow());
        int cfd = p.a().call(sa::socket).orThrow();
        SysResult<Integer> c = p.a().call(() -> sa.connect(cfd, B, 80, p.net().sim().now()));
        assertEquals(Errno.EINPROGRESS, c.errno());
        int[] server = {-1};
        int[] sent = {0};
        boolean[] closed = {false};
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        long end = p.net().sim().now() + limitNs;
        // The "applications": after every simulator event, each side does what it can without blocking.
        while (p.net().sim().now() < end && p.net().sim().hasPending()) {
            p.net().sim().step();
            long now = p.net().sim().now();
            if (server[0] < 0) {
                SysResult<Integer> acc = p.b().call(() -> sb.accept(lfd));
                if (acc.isOk()) {
                    server[0] = acc.orThrow();
                }
            }
            if (sent[0] < data.length && sa.poll(cfd).writable()) {
                SysResult<Integer> n = p.a().call(() -> sa.send(cfd, data, sent[0], data.length - sent[0], now));
                if (n.isOk()) {
                    sent[0] += n.orThrow();
                }
            }
            if (sent[0] == data.length && !closed[0]) {
                closed[0] = true;
                p.a().call(() -> sa.close(cfd, now));
            }
            if (server[0] >= 0) {
                while (true) {
                    SysResult<Integer> r = p.b().call(() -> sb.recv(server[0], buf, 0, buf.length, now));
                    if (!r.isOk() || r.orThrow() == 0) {
                        if (r.isOk() && sb.tcbOf(server[0]).state() == TcpState.CLOSE_WAIT) {
                            p.b().call(() -> sb.close(server[0], now));
                            return got.toByteArray();
                        }
                        break;
                    }
                    got.write(buf, 0, r.orThrow());
                }
            }
        }
        return got.toByteArray();
    }

    @Test
    void transferOverAnIdealLinkArrivesWholeAndChargesTcpInputOnTheCpu() {
        Pair p = pair(1, 0, Design.NAPI);
        byte[] data = new byte[50_000];
        new SplittableRandom(1).nextBytes(data);
        byte[] got = transfer(p, data, 5_000_000_000L);
        assertArrayEquals(data, got);
        assertTrue(p.b().tcp().segmentsIn() > 30, "segments went through the host's TCP layer");
        assertTrue(p.b().cpu().busyNs(Priority.KERNEL) > 0, "TCP input ran on the receiving CPU");
        assertTrue(p.a().ledger().balanced(), p.a().ledger().toString());
        assertTrue(p.b().ledger().balanced(), p.b().ledger().toString());
    }

    /** Busy time of b after a's SYN to a closed port on b (b answers with RST), with b's TCP input costing {@code tcpInput}. */
    private static long busyAfterRefusedSyn(long tcpInput) {
        Network net = new Network(3);
        CostModel c = CostModel.dec3000();
        CostModel costly = new CostModel(c.cpuHz(), c.interruptEntry(), c.interruptExit(), c.driverRxPerPacket(),
                c.driverTxPerPacket(), c.txCompletePerPacket(), c.ipInput(), c.ipForward(), c.udpInput(), c.socketEnqueue(),
                c.copyToUser(), c.userWorkPerPacket(), c.syscall(), c.contextSwitch(), c.pollOverhead(), c.userSliceNs(), tcpInput);
        Host a = net.addHost("a", c);
        Host b = net.addHost("b", costly);
        Iface ea = a.addInterface("eth0", MacAddr.parse("02:00:00:00:00:01"), A, 24, NicConfig.defaults(), DriverConfig.of(Design.NAPI));
        Iface eb = b.addInterface("eth0", MacAddr.parse("02:00:00:00:00:02"), B, 24, NicConfig.defaults(), DriverConfig.of(Design.NAPI));
        net.link(ea.nic(), eb.nic(), LinkParams.ideal(100_000_000L, 10_000));
        a.addNeighbour(B, eb.mac());
        b.addNeighbour(A, ea.mac());
        int fd = a.call(() -> a.tcpSockets().socket()).orThrow();
        a.call(() -> a.tcpSockets().connect(fd, B, 9, net.sim().now()));
        net.runFor(10_000_000L);
        assertEquals(Errno.ECONNREFUSED, a.tcpSockets().error(fd));
        assertEquals(1, b.tcp().segmentsIn());
        assertEquals(1, b.tcp().resetsSent());
        return b.cpu().busyNs(Priority.KERNEL) + b.cpu().busyNs(Priority.HARDIRQ) + b.cpu().busyNs(Priority.USER);
    }

    @Test
    void eachArrivingSegmentIsChargedTcpInputOnTheReceivingCpu() {
        long cheap = busyAfterRefusedSyn(1_500);
        long dear = busyAfterRefusedSyn(1_500 + 15_000);
        // 15,000 more cycles at 150 MHz is 100 us more CPU time for the one SYN b processed.
        assertEquals(100_000L, dear - cheap);
    }

    @Test
    void transferOverALossyLinkIsRecoveredByTheTimersTheSimulatorDrives() {
        for (Design d : new Design[] {Design.INTERRUPT, Design.NAPI, Design.POLL_QUOTA}) {
            Pair p = pair(7, 0.05, d);
            byte[] data = new byte[30_000];
            new SplittableRandom(7).nextBytes(data);
            byte[] got = transfer(p, data, 120_000_000_000L);
            assertArrayEquals(data, got, d + ": the stream arrives whole and in order");
            long lost = p.net().links().get(0).from(p.a().iface("eth0").nic()).lost()
                    + p.net().links().get(0).from(p.b().iface("eth0").nic()).lost();
            assertTrue(lost > 0, d + ": the link did lose frames");
            assertTrue(p.a().tcpSockets() != null);
            runUntil(p.net(), 600_000_000_000L, () -> p.a().tcp().connectionCount() == 0 && p.b().tcp().connectionCount() == 0);
            assertEquals(0, p.a().tcp().connectionCount(), d + ": the client's connection ends (after TIME-WAIT)");
            assertEquals(0, p.b().tcp().connectionCount(), d + ": the server's connection ends");
            assertTrue(p.a().ledger().balanced(), p.a().ledger().toString());
            assertTrue(p.b().ledger().balanced(), p.b().ledger().toString());
        }
    }
}
