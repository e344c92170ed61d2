package dev.netspec.tcpbench;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.net.NetInterface;
import dev.netspec.net.NetStack;
import dev.netspec.socket.Errno;
import dev.netspec.socket.SysResult;
import dev.netspec.socket.TcpSockets;
import dev.netspec.tcp.TcpConfig;
import dev.netspec.tcp.TcpLayer;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.ArrayDeque;

/**
 * Two simulated hosts, each a whole stack (IPv4, ARP, {@link TcpLayer}, {@link TcpSockets}),
 * joined by an ideal link: no loss, no delay, no cost model, and a frame one host transmits is
 * handed to the other host as it is (one shared buffer pool, no copy), the way Linux's loopback
 * hands an skb from one socket to the other. One thread does everything, so a benchmark of this
 * pair runs on one core. Virtual time moves only when both hosts wait for a timer (a delayed ACK,
 * TIME-WAIT), and then jumps straight to it: waiting costs nothing here.
 */
public final class TcpPair {
    public static final Ipv4Addr IP_A = Ipv4Addr.parse("10.0.0.1");
    public static final Ipv4Addr IP_B = Ipv4Addr.parse("10.0.0.2");

    /** One end: its stack and descriptor table. */
    public static final class Host {
        public final NetStack stack;
        public final TcpLayer tcp;
        public final TcpSockets sockets;
        private final ArrayDeque<Mbuf> inbox = new ArrayDeque<>();

        private Host(MbufPool pool, String mac, Ipv4Addr ip, byte secret, TcpConfig config, int maxSockets) {
            stack = new NetStack(pool, NetStack.Config.host());
            byte[] key = new byte[16];
            java.util.Arrays.fill(key, secret);
            tcp = new TcpLayer(stack, key);
            sockets = new TcpSockets(tcp, config, maxSockets);
        }
    }

    public final MbufPool pool;
    public final Host a;
    public final Host b;
    /** Virtual time in ns. */
    public long now;

    /**
     * @param poolBuffers buffers of each size class in the shared pool: enough for every segment
     *     that can be in flight (two send windows) and the ARP exchange
     */
    public TcpPair(TcpConfig config, int maxSockets, int poolBuffers) {
        this(config, maxSockets, poolBuffers, NetInterface.ETHERNET_MTU);
    }

    /**
     * @param mtu the link's MTU: {@link NetInterface#ETHERNET_MTU}, or up to {@link
     *     NetInterface#MAX_MTU} for a link like Linux's loopback device (segments above a pool
     *     cluster then travel in buffers of their own)
     */
    public TcpPair(TcpConfig config, int maxSockets, int poolBuffers, int mtu) {
        pool = new MbufPool(poolBuffers, poolBuffers);
        a = new Host(pool, "52:54:00:00:00:0a", IP_A, (byte) 0x5a, config, maxSockets);
        b = new Host(pool, "52:54:00:00:00:0b", IP_B, (byte) 0xa5, config, maxSockets);
        a.stack.addInterface(new NetInterface("eth0", MacAddr.parse("52:54:00:00:00:0a"), IP_A, 24, mtu, -1), f -> {
            b.inbox.add(f);
            return true;
        });
        b.stack.addInterface(new NetInterface("eth0", MacAddr.parse("52:54:00:00:00:0b"), IP_B, 24, mtu, -1), f -> {
            a.inbox.add(f);
            return true;
        });
    }

    /**
     * Delivers every frame in flight, and the frames they cause, at the current time. Returns
     * whether anything was delivered.
     */
    public boolean deliver() {
        boolean any = false;
        while (!a.inbox.isEmpty() || !b.inbox.isEmpty()) {
            while (!b.inbox.isEmpty()) {
                b.stack.receive(0, b.inbox.poll(), now);
                any = true;
            }
            while (!a.inbox.isEmpty()) {
                a.stack.receive(0, a.inbox.poll(), now);
                any = true;
            }
        }
        return any;
    }

    /**
     * Nothing in flight: jumps to the earliest timer of either host (up to {@code limit}) and
     * runs it. Returns false if no timer is due by then.
     */
    public boolean runNextTimer(long limit) {
        // Each pollAt is asked once per wait, as an event loop would (TcpLayer.pollAt is the top of
        // its timer queue, O(1) amortized).
        long stackA = due(a.stack.pollAt());
        long stackB = due(b.stack.pollAt());
        long tcpA = a.tcp.pollAt();
        long tcpB = b.tcp.pollAt();
        long next = Math.min(Math.min(stackA, stackB), Math.min(tcpA, tcpB));
        if (next == Long.MAX_VALUE || next > limit) {
            return false;
        }
        now = Math.max(now, next);
        if (stackA <= now) {
            a.stack.poll(now);
        }
        if (tcpA <= now) {
            a.tcp.poll(now);
        }
        if (stackB <= now) {
            b.stack.poll(now);
        }
        if (tcpB <= now) {
            b.tcp.poll(now);
        }
        deliver();
        return true;
    }

    private long due(long at) {
        return at == Long.MIN_VALUE ? now : at;
    }

    /** Runs frames and timers until virtual time {@code until}. */
    public void runUntil(long until) {
        deliver();
        while (runNextTimer(until)) {
            // keep going
        }
        now = Math.max(now, until);
    }

    /** A listening socket on B. */
    public int listen(int port, int backlog) {
        int fd = b.sockets.socket().orThrow();
        b.sockets.bind(fd, IP_B, port).orThrow();
        b.sockets.listen(fd, backlog).orThrow();
        return fd;
    }

    /**
     * Connects A to B's listener and accepts: returns {client fd on A, server fd on B}, both
     * ESTABLISHED.
     */
    public int[] connect(int listener, int port) {
        int c = a.sockets.socket().orThrow();
        SysResult<Integer> r = a.sockets.connect(c, IP_B, port, now);
        if (r.errno() != Errno.EINPROGRESS) {
            throw new IllegalStateException("connect: " + r);
        }
        SysResult<Integer> s = b.sockets.accept(listener);
        while (!s.isOk()) {
            if (!deliver() && !runNextTimer(Long.MAX_VALUE)) {
                throw new IllegalStateException("handshake stalled: " + s.errno() + ", error " + a.sockets.error(c));
            }
            s = b.sockets.accept(listener);
        }
        deliver(); // the client's side of the handshake is already done; flush anything left
        return new int[] {c, s.orThrow()};
    }

    /**
     * Sends {@code len} bytes from {@code from}'s {@code fdFrom} and reads them all at {@code
     * to}'s {@code fdTo} into {@code into} (the whole application loop of a bulk transfer).
     * Returns the bytes received.
     */
    public long transfer(Host from, int fdFrom, Host to, int fdTo, byte[] data, int len, byte[] into) {
        int sent = 0;
        long received = 0;
        while (received < len) {
            boolean progress = false;
            if (sent < len) {
                SysResult<Integer> r = from.sockets.send(fdFrom, data, sent, len - sent, now);
                if (r instanceof SysResult.Ok<Integer> ok && ok.value() > 0) {
                    sent += ok.value();
                    progress = true;
                } else if (r.errno() != Errno.EAGAIN) {
                    throw new IllegalStateException("send: " + r);
                }
            }
            progress |= deliver();
            while (true) {
                SysResult<Integer> r = to.sockets.recv(fdTo, into, 0, into.length, now);
                if (r instanceof SysResult.Ok<Integer> ok && ok.value() > 0) {
                    received += ok.value();
                    progress = true;
                } else if (r.isOk()) {
                    throw new IllegalStateException("end of stream after " + received + " of " + len + " bytes");
                } else if (r.errno() == Errno.EAGAIN) {
                    break;
                } else {
                    throw new IllegalStateException("recv: " + r);
                }
            }
            progress |= deliver();
            if (!progress && !runNextTimer(Long.MAX_VALUE)) {
                throw new IllegalStateException("transfer stalled at " + received + " of " + len + " bytes");
            }
        }
        return received;
    }

    /** Reads until end of stream (or EAGAIN with nothing more to come); returns bytes read. */
    public long drain(Host host, int fd, byte[] into) {
        long total = 0;
        while (true) {
            SysResult<Integer> r = host.sockets.recv(fd, into, 0, into.length, now);
            if (r instanceof SysResult.Ok<Integer> ok) {
                if (ok.value() == 0) {
                    return total;
                }
                total += ok.value();
            } else if (r.errno() == Errno.EAGAIN) {
                if (!deliver() && !runNextTimer(Long.MAX_VALUE)) {
                    return total;
                }
            } else {
                throw new IllegalStateException("recv: " + r);
            }
        }
    }
}
