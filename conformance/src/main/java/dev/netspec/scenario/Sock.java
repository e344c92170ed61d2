package dev.netspec.scenario;

import dev.netspec.host.Host;
import dev.netspec.tcp.Tcb;
import dev.netspec.udp.UdpSocket;

/**
 * A socket a scenario named ({@code h: fd = socket(tcp)}): its descriptor on the host, and what
 * the executor keeps past {@code close}: the TCB (TCP finishes in the background, so
 * {@code tcp[fd].state} stays observable) and the UDP socket.
 */
final class Sock {
    final String name;
    final Host host;
    final boolean tcp;
    final int fd;
    Tcb tcb;
    dev.netspec.tcp.TcpLayer.Listener listener;
    UdpSocket udp;
    boolean listening;
    boolean closed;
    boolean nonBlocking;
    long timeoutNs = -1; // SO_RCVTIMEO / SO_SNDTIMEO; -1: the run's bound
    int sendBuffer = -1;
    int receiveBuffer = -1;

    Sock(String name, Host host, boolean tcp, int fd) {
        this.name = name;
        this.host = host;
        this.tcp = tcp;
        this.fd = fd;
    }

    /** Refreshes what is kept past close from the live descriptor table. */
    void refresh() {
        if (closed) {
            return;
        }
        if (tcp) {
            Tcb t = host.tcpSockets().tcbOf(fd);
            if (t != null) {
                tcb = t;
            }
            listening = host.tcpSockets().isListening(fd);
            if (listening) {
                listener = host.tcpSockets().listenerOf(fd);
            }
        } else {
            UdpSocket u = host.udpSockets().socketOf(fd);
            if (u != null) {
                udp = u;
            }
        }
    }
}
