package dev.netspec.host;

import dev.netspec.buf.Mbuf;
import dev.netspec.driver.BoundedQueue;
import dev.netspec.driver.DropReason;
import dev.netspec.probe.Actions;
import dev.netspec.sim.Priority;
import dev.netspec.sim.Step;
import dev.netspec.sim.Task;

/**
 * A bound UDP port with a socket receive queue and a user process that reads each datagram
 * (system call and copy to user) and does its per-packet work. A receiver application, as in the
 * paper's end-system experiments; the router experiment uses one as its traffic sink.
 */
public final class UdpSink {
    private final Host host;
    private final int port;
    private final BoundedQueue<Mbuf> queue;
    private final Task reader;
    private long enqueued;
    private long consumed;
    private long bytes;

    UdpSink(Host host, int port, int queueLimit) {
        this.host = host;
        this.port = port;
        this.queue = new BoundedQueue<>("udp:" + port, DropReason.SOCKET_FULL, queueLimit);
        this.reader = new Task(host.name() + ".app" + port, Priority.USER, this::read);
    }

    void enqueue(Mbuf payload) {
        if (queue.offer(payload)) {
            enqueued++;
            host.cpu().wake(reader);
        } else {
            host.drop(payload, DropReason.SOCKET_FULL);
        }
    }

    private Step read() {
        if (queue.isEmpty()) {
            return null;
        }
        return Step.of(Actions.USER_STEP, host.cost().copyToUser() + host.cost().userWorkPerPacket(), () -> {
            try (Mbuf m = queue.poll()) {
                consumed++;
                bytes += m.readableBytes();
            }
        });
    }

    public int port() {
        return port;
    }

    /** Datagrams accepted into the socket queue. */
    public long enqueued() {
        return enqueued;
    }

    /** Datagrams the process has read. */
    public long consumed() {
        return consumed;
    }

    public long bytesConsumed() {
        return bytes;
    }

    public int queued() {
        return queue.size();
    }
}
