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
import dev.netspec.sim.CostModel;
import dev.netspec.sim.Cpu;
import dev.netspec.sim.Simulator;
import dev.netspec.udp.UdpLayer;
import dev.netspec.udp.UdpSocket;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;

/**
 * The receive path of one host, driven directly on the calling thread: the NIC DMAs a burst of
 * 64-byte UDP frames into its RX ring; the driver takes each frame and refills the slot from the
 * buffer pool (the polling/NAPI data path, {@code Driver.takeAndRefill}); the {@link NetStack}
 * runs Ethernet, IPv4 and UDP input and queues the datagram on its socket; then the reader drains
 * the socket with one copy per datagram ({@link UdpLayer#receive}, recvfrom's work).
 *
 * <p>Not measured: the simulator's virtual CPU, clock and events (they model time, not work), and
 * the NIC's FCS check (hardware). Every batch checks that every frame was read, so a benchmark
 * can never report the speed of dropping packets.
 */
public final class ReceivePath {
    /** iperf3's default port: above 127, so a boxed-Integer port lookup would allocate. */
    public static final int PORT = 5201;

    private final int batch;
    private final MbufPool pool;
    private final Driver driver;
    private final RxRing ring;
    private final NetStack stack;
    private final UdpLayer udp;
    private final UdpSocket socket;
    private final byte[] frame;
    private final byte[] into = new byte[2048];
    private long bytesRead;

    /** A host with one interface whose RX ring, pool and socket buffer hold {@code batch} frames. */
    public ReceivePath(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        this.batch = batch;
        Simulator sim = new Simulator(1); // only to construct the NIC; no event is ever scheduled
        CostModel cost = CostModel.dec3000(); // unused: no CPU step runs
        pool = new MbufPool(16, 2 * batch + 16);
        Softnet softnet = new Softnet(new Cpu(sim, cost), cost, pool, Softnet.Limits.defaults());
        Nic nic = new Nic(sim, "eth0", new NicConfig(batch, batch, 0));
        driver = Driver.attach(nic, softnet, DriverConfig.of(Design.NAPI));
        ring = nic.rxRing();
        MacAddr mac = MacAddr.parse("02:00:00:00:00:01");
        Ipv4Addr address = Ipv4Addr.parse("10.0.0.1");
        stack = new NetStack(pool, NetStack.Config.host());
        stack.addInterface(NetInterface.ethernet("eth0", mac, address, 24), driver::offer);
        udp = new UdpLayer(stack);
        socket = udp.open();
        if (!udp.bind(socket, Ipv4Addr.ANY, PORT)) {
            throw new IllegalStateException("cannot bind port " + PORT);
        }
        udp.setReceiveLimit(socket, (batch + 1) * MbufPool.SizeClass.CLUSTER.bytes());
        frame = Frames.udp(MacAddr.parse("02:00:00:00:00:02"), mac, Ipv4Addr.parse("10.0.0.2"), address,
                40000, PORT);
    }

    /** One burst: {@code batch} frames from the wire to the reader. Returns the bytes read. */
    public long runBatch() {
        for (int i = 0; i < batch; i++) {
            if (!BenchNicPort.dma(ring, frame)) {
                throw new IllegalStateException("RX ring full at frame " + i);
            }
        }
        for (int i = 0; i < batch; i++) {
            Mbuf m = BenchDriverPort.takeAndRefill(driver);
            if (m == null) {
                throw new IllegalStateException("driver got no frame at " + i);
            }
            stack.receive(0, m, 0);
        }
        long read = 0;
        for (int i = 0; i < batch; i++) {
            UdpLayer.Datagram d = udp.receive(socket, into);
            if (d == null) {
                throw new IllegalStateException("datagram " + i + " of the burst was not delivered: "
                        + stack.stats());
            }
            read += d.length();
        }
        bytesRead += read;
        return read;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public MbufPool pool() {
        return pool;
    }

    public NetStack stack() {
        return stack;
    }

    public UdpSocket socket() {
        return socket;
    }
}
