package dev.netspec.host;

import dev.netspec.probe.Actions;
import dev.netspec.sim.Priority;
import dev.netspec.sim.Step;
import dev.netspec.sim.Task;
import dev.netspec.udp.UdpLayer;
import dev.netspec.udp.UdpSocket;
import dev.netspec.wire.Ipv4Addr;

/**
 * A UDP socket (from the {@code udp} package) bound to a port, and a user process that reads
 * every datagram with one system call and copy, then does its per-packet work: a receiving
 * application, and the router experiment's traffic sink.
 */
public final class UdpSink {
    private final Host host;
    private final UdpLayer udp;
    private final UdpSocket socket;
    private final Task reader;
    private final byte[] into = new byte[2048];
    private long consumed;
    private long bytes;

    UdpSink(Host host, int port, int queueLimit) {
        if (queueLimit < 1) {
            throw new IllegalArgumentException("socket queue must hold at least one datagram");
        }
        this.host = host;
        this.udp = host.udp();
        this.socket = udp.open();
        if (!udp.bind(socket, Ipv4Addr.ANY, port)) {
            throw new IllegalArgumentException("UDP port " + port + " is already bound on " + host.name());
        }
        // The socket layer charges a whole buffer per queued datagram (as BSD's sbspace does).
        udp.setReceiveLimit(socket, queueLimit * 2048);
        this.reader = new Task(host.name() + ".app" + port, Priority.USER, this::read);
    }

    void wakeIfReadable() {
        if (socket.queuedDatagrams() > 0) {
            host.cpu().wake(reader);
        }
    }

    private Step read() {
        if (socket.queuedDatagrams() == 0) {
            return null;
        }
        return Step.of(Actions.USER_STEP, host.cost().copyToUser() + host.cost().userWorkPerPacket(), () -> {
            UdpLayer.Datagram d = udp.receive(socket, into);
            if (d != null) {
                consumed++;
                bytes += d.length();
            }
        });
    }

    public int port() {
        return socket.localPort();
    }

    /** Datagrams accepted into the socket queue. */
    public long enqueued() {
        return socket.datagramsReceived();
    }

    /** Datagrams the process has read. */
    public long consumed() {
        return consumed;
    }

    public long bytesConsumed() {
        return bytes;
    }

    public int queued() {
        return socket.queuedDatagrams();
    }
}
