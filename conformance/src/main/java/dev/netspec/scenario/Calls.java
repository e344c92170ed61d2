package dev.netspec.scenario;

import dev.netspec.host.Host;
import dev.netspec.socket.Errno;
import dev.netspec.socket.Readiness;
import dev.netspec.socket.RecvFrom;
import dev.netspec.socket.SocketType;
import dev.netspec.socket.SysResult;
import dev.netspec.socket.TcpSockets;
import dev.netspec.trace.ast.Action;
import dev.netspec.trace.ast.Arg;
import dev.netspec.trace.ast.Value;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Socket calls written like strace lines ({@code h: fd = accept(lfd)}, {@code h: recv(fd, 100) = 100})
 * and executed on the host's descriptor tables.
 *
 * <p><b>Blocking.</b> Sockets are blocking unless {@code setsockopt(s, O_NONBLOCK, 1)}: accept,
 * connect, recv, recvfrom and send that cannot complete now advance the simulator, event by event,
 * until they can, or until a bound passes (the run's {@link RunOptions#blockLimitNs()}, or the
 * socket's {@code SO_RCVTIMEO} / {@code SO_SNDTIMEO}). At the bound they fail as Linux calls with
 * those timeouts do: EAGAIN, and EINPROGRESS for connect. A blocking send returns once all its
 * bytes are in the send buffer (POSIX), so it may return fewer only at the bound.
 */
final class Calls {
    /** What a call returned: a value, or -1 with an errno name. */
    record Outcome(long value, String errno) {
        static Outcome ok(long v) {
            return new Outcome(v, null);
        }

        static Outcome err(Errno e) {
            return new Outcome(-1, e.name());
        }

        @Override
        public String toString() {
            return errno == null ? Long.toString(value) : value + " " + errno;
        }
    }

    /** What the executor provides to calls: sockets by name, waiting in virtual time, the clock. */
    interface Context {
        Sock socket(String host, Value ref);

        void bind(String host, String name, Sock s);

        /** Advances the simulator until {@code done} or {@code deadline}; true if done. */
        boolean waitUntil(BooleanSupplier done, long deadline);

        long now();

        long blockLimitNs();
    }

    private final Values values;
    private final Context ctx;

    Calls(Values values, Context ctx) {
        this.values = values;
        this.ctx = ctx;
    }

    Outcome execute(Action.Call c, Host h) {
        List<Arg> args = c.args();
        if (c.function().equals("socket")) {
            boolean tcp = values.word(args.get(0).value()).equals("tcp");
            SysResult<Integer> r = h.call(() -> tcp ? h.tcpSockets().socket() : h.udpSockets().socket(SocketType.DGRAM));
            if (r.isOk()) {
                Sock s = new Sock(c.binds().orElse("fd" + r.orThrow()), h, tcp, r.orThrow());
                s.refresh();
                c.binds().ifPresent(n -> ctx.bind(c.host(), n, s));
            }
            return outcome(r);
        }
        Sock s = ctx.socket(c.host(), args.get(0).value());
        if (s.closed && !c.function().equals("close")) {
            // The descriptor was closed: POSIX says EBADF, and the number may have been reused.
            return Outcome.err(Errno.EBADF);
        }
        TcpSockets t = h.tcpSockets();
        Outcome o = switch (c.function()) {
            case "bind" -> {
                Values.Endpoint ep = values.endpoint(arg(c, 1));
                yield outcome(h.call(() -> s.tcp ? t.bind(s.fd, ep.address(), ep.port()) : h.udpSockets().bind(s.fd, ep.address(), ep.port())));
            }
            case "listen" -> {
                requireTcp(c, s);
                int backlog = args.size() > 1 ? (int) values.integer(arg(c, 1), 0, 65535, "backlog") : 16;
                yield outcome(h.call(() -> t.listen(s.fd, backlog)));
            }
            case "accept" -> {
                requireTcp(c, s);
                SysResult<Integer> r = h.call(() -> t.accept(s.fd));
                if (blocks(r, s)) {
                    ctx.waitUntil(() -> t.poll(s.fd).readable(), deadline(s));
                    r = h.call(() -> t.accept(s.fd));
                }
                if (r.isOk()) {
                    Sock child = new Sock(c.binds().orElse("fd" + r.orThrow()), h, true, r.orThrow());
                    child.refresh();
                    c.binds().ifPresent(n -> ctx.bind(c.host(), n, child));
                }
                yield outcome(r);
            }
            case "connect" -> {
                requireTcp(c, s);
                Values.Endpoint ep = values.endpoint(arg(c, 1));
                SysResult<Integer> r = h.call(() -> t.connect(s.fd, ep.address(), ep.port(), ctx.now()));
                s.refresh();
                if (r.errno() != Errno.EINPROGRESS || s.nonBlocking) {
                    yield outcome(r);
                }
                boolean done = ctx.waitUntil(() -> {
                    Readiness rd = t.poll(s.fd);
                    return rd.writable() || rd.error() || rd.hangup();
                }, deadline(s));
                if (!done) {
                    yield Outcome.err(Errno.EINPROGRESS);
                }
                Errno e = h.call(() -> t.error(s.fd));
                yield e == null ? Outcome.ok(0) : Outcome.err(e);
            }
            case "send", "sendto" -> send(c, h, s);
            case "recv", "recvfrom" -> recv(c, h, s);
            case "shutdown" -> {
                requireTcp(c, s);
                String how = args.size() > 1 ? values.word(arg(c, 1)).toLowerCase(java.util.Locale.ROOT) : "rdwr";
                TcpSockets.How mode = switch (how) {
                    case "rd", "shut_rd", "read" -> TcpSockets.How.READ;
                    case "wr", "shut_wr", "write" -> TcpSockets.How.WRITE;
                    case "rdwr", "shut_rdwr", "both" -> TcpSockets.How.BOTH;
                    default -> throw ScenarioException.input(arg(c, 1).pos(), "shutdown takes rd, wr or rdwr (SHUT_RD, SHUT_WR, SHUT_RDWR)");
                };
                yield outcome(h.call(() -> t.shutdown(s.fd, mode, ctx.now())));
            }
            case "close" -> {
                if (s.closed) {
                    yield Outcome.err(Errno.EBADF);
                }
                s.refresh();
                SysResult<Integer> r = h.call(() -> s.tcp ? t.close(s.fd, ctx.now()) : h.udpSockets().close(s.fd));
                if (r.isOk()) {
                    s.closed = true;
                }
                yield outcome(r);
            }
            case "setsockopt" -> setsockopt(c, h, s);
            case "getsockopt" -> {
                String opt = values.word(arg(c, 1));
                if (!opt.equals("SO_ERROR") || !s.tcp) {
                    throw ScenarioException.unsupported(arg(c, 1).pos(), "getsockopt " + opt + " (supported: SO_ERROR on tcp sockets)");
                }
                Errno e = h.call(() -> t.error(s.fd));
                yield e == null ? Outcome.ok(0) : new Outcome(0, e.name());
            }
            case "poll" -> {
                // POSIX poll revents as Linux numbers them: POLLIN 1, POLLOUT 4, POLLERR 8, POLLHUP 16.
                if (s.tcp) {
                    Readiness r = t.poll(s.fd);
                    yield Outcome.ok((r.readable() ? 1 : 0) | (r.writable() ? 4 : 0) | (r.error() ? 8 : 0) | (r.hangup() ? 16 : 0));
                }
                yield Outcome.ok((h.udpSockets().readable(s.fd) ? 1 : 0) | 4);
            }
            default -> throw ScenarioException.unsupported(c.pos(), "the call " + c.function());
        };
        s.refresh();
        return o;
    }

    private Value arg(Action.Call c, int i) {
        if (c.args().size() <= i) {
            throw ScenarioException.input(c.pos(), c.function() + " needs " + (i + 1) + " arguments");
        }
        return c.args().get(i).value();
    }

    private static void requireTcp(Action.Call c, Sock s) {
        if (!s.tcp) {
            throw ScenarioException.unsupported(c.pos(), c.function() + " on a udp socket");
        }
    }

    private static boolean blocks(SysResult<?> r, Sock s) {
        return r.errno() == Errno.EAGAIN && !s.nonBlocking;
    }

    private long deadline(Sock s) {
        return ctx.now() + (s.timeoutNs >= 0 ? s.timeoutNs : ctx.blockLimitNs());
    }

    private static Outcome outcome(SysResult<Integer> r) {
        return r.isOk() ? Outcome.ok(r.orThrow()) : Outcome.err(r.errno());
    }

    /** send(s, DATA) / sendto(s, DATA, addr:port); DATA is a byte count, a string or 0x bytes. */
    private Outcome send(Action.Call c, Host h, Sock s) {
        byte[] data = values.data(arg(c, 1));
        if (!s.tcp) {
            if (!c.function().equals("sendto")) {
                throw ScenarioException.unsupported(c.pos(), "send on a udp socket (connected UDP sockets are not in the stack); use sendto(s, DATA, addr:port)");
            }
            Values.Endpoint ep = values.endpoint(arg(c, 2));
            return outcome(h.call(() -> h.udpSockets().sendto(s.fd, data, ep.address(), ep.port(), ctx.now())));
        }
        TcpSockets t = h.tcpSockets();
        int[] done = {0};
        SysResult<Integer> r = h.call(() -> t.send(s.fd, data, 0, data.length, ctx.now()));
        if (r.isOk()) {
            done[0] = r.orThrow();
        }
        if (s.nonBlocking || (!r.isOk() && r.errno() != Errno.EAGAIN)) {
            return outcome(r);
        }
        long deadline = deadline(s);
        while (done[0] < data.length) {
            boolean ready = ctx.waitUntil(() -> {
                Readiness rd = t.poll(s.fd);
                return rd.writable() || rd.error() || rd.hangup();
            }, deadline);
            if (!ready) {
                return done[0] > 0 ? Outcome.ok(done[0]) : Outcome.err(Errno.EAGAIN);
            }
            SysResult<Integer> more = h.call(() -> t.send(s.fd, data, done[0], data.length - done[0], ctx.now()));
            if (!more.isOk()) {
                if (more.errno() == Errno.EAGAIN) {
                    continue;
                }
                return done[0] > 0 ? Outcome.ok(done[0]) : outcome(more);
            }
            done[0] += more.orThrow();
        }
        return Outcome.ok(done[0]);
    }

    /** recv(s, N) / recvfrom(s, N): at most N bytes (one datagram on UDP). */
    private Outcome recv(Action.Call c, Host h, Sock s) {
        int n = c.args().size() > 1 ? (int) values.integer(arg(c, 1), 0, 1 << 24, "a buffer size") : 65536;
        byte[] buf = new byte[n];
        if (s.tcp) {
            TcpSockets t = h.tcpSockets();
            SysResult<Integer> r = h.call(() -> t.recv(s.fd, buf, 0, n, ctx.now()));
            if (blocks(r, s)) {
                ctx.waitUntil(() -> t.poll(s.fd).readable(), deadline(s));
                r = h.call(() -> t.recv(s.fd, buf, 0, n, ctx.now()));
            }
            return outcome(r);
        }
        SysResult<RecvFrom> r = h.call(() -> h.udpSockets().recvfrom(s.fd, buf));
        if (blocks(r, s)) {
            ctx.waitUntil(() -> h.udpSockets().readable(s.fd), deadline(s));
            r = h.call(() -> h.udpSockets().recvfrom(s.fd, buf));
        }
        return r.isOk() ? Outcome.ok(r.orThrow().length()) : Outcome.err(r.errno());
    }

    private Outcome setsockopt(Action.Call c, Host h, Sock s) {
        String opt = values.word(arg(c, 1));
        Value v = arg(c, 2);
        TcpSockets t = h.tcpSockets();
        return switch (opt) {
            case "O_NONBLOCK" -> {
                s.nonBlocking = values.integer(v, 0, 1, "O_NONBLOCK") == 1;
                yield Outcome.ok(0);
            }
            case "SO_RCVTIMEO", "SO_SNDTIMEO" -> {
                s.timeoutNs = values.durationNs(v);
                yield Outcome.ok(0);
            }
            case "TCP_NODELAY" -> {
                requireTcp(c, s);
                boolean on = values.integer(v, 0, 1, "TCP_NODELAY") == 1;
                yield outcome(h.call(() -> t.setNoDelay(s.fd, on, ctx.now())));
            }
            case "SO_LINGER" -> {
                requireTcp(c, s);
                int secs = (int) values.integer(v, -1, 1 << 20, "SO_LINGER seconds (-1: off)");
                yield outcome(h.call(() -> t.setLinger(s.fd, secs >= 0, Math.max(secs, 0))));
            }
            case "SO_RCVBUF", "SO_SNDBUF" -> {
                int bytes = (int) values.integer(v, 1, 1 << 30, opt);
                if (!s.tcp) {
                    if (opt.equals("SO_SNDBUF")) {
                        throw ScenarioException.unsupported(c.pos(), "SO_SNDBUF on a udp socket (UDP has no send buffer here)");
                    }
                    yield outcome(h.call(() -> h.udpSockets().setReceiveBuffer(s.fd, bytes)));
                }
                dev.netspec.tcp.TcpConfig d = dev.netspec.tcp.TcpConfig.defaults();
                if (opt.equals("SO_RCVBUF")) {
                    s.receiveBuffer = bytes;
                } else {
                    s.sendBuffer = bytes;
                }
                int snd = s.sendBuffer > 0 ? s.sendBuffer : d.sendBuffer();
                int rcv = s.receiveBuffer > 0 ? s.receiveBuffer : d.receiveBuffer();
                yield outcome(h.call(() -> t.setBuffers(s.fd, snd, rcv)));
            }
            default -> throw ScenarioException.unsupported(arg(c, 1).pos(), "socket option " + opt
                    + " (supported: O_NONBLOCK, SO_RCVTIMEO, SO_SNDTIMEO, TCP_NODELAY, SO_LINGER, SO_RCVBUF, SO_SNDBUF)");
        };
    }
}
