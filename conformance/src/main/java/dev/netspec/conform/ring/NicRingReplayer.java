package dev.netspec.conform.ring;

import dev.netspec.buf.Mbuf;
import dev.netspec.conform.Replayer;
import dev.netspec.nic.Nic;
import dev.netspec.nic.NicConfig;
import dev.netspec.nic.RxRing;
import dev.netspec.nic.TxRing;
import dev.netspec.sim.Simulator;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays a NicRing behaviour (TLC's action names) on the stack's NIC and rings and returns their
 * abstract state after each step (the same mapping as {@link NicRingAbstraction}:
 * {@link NicRingState} and {@link RingValues}).
 *
 * <p>NicRing's driver actions are finer than the stack drivers' steps (a driver takes a frame and
 * refills its descriptor in one step, and reclaims the TX ring in passes), so the replayer plays
 * the driver itself, one ring operation per action, with the calls the drivers make:
 * <ul>
 *   <li>{@code NicReceive}: a frame (IPv4, identification = its number) arrives at the input NIC
 *       ({@link Nic#receiveFromWire}): DMA into the head descriptor, or missed;</li>
 *   <li>{@code NicTransmit}: the output NIC, in directed mode, sends its head descriptor now;</li>
 *   <li>{@code DriverReceive} / {@code DriverRefill}: {@link RxRing#take} (the frame joins the
 *       replayer's FIFO, NicRing's {@code stack}) / {@link RxRing#post} of an empty buffer;</li>
 *   <li>{@code DriverTransmit} / {@code DriverReclaim}: {@link TxRing#post} of the FIFO's head and
 *       a tail-register write / {@link TxRing#reclaim}.</li>
 * </ul>
 * The rings have N descriptors and the replayer, like NicRing's (and the e1000's) driver, stocks
 * N - 1 RX buffers; with N descriptors the stack's ring positions are NicRing's exactly. A step
 * the rings refuse (the ring's own ownership check) is reported as stuck, with the reason.
 */
public final class NicRingReplayer implements Replayer {
    /** Room in each RX buffer: any Ethernet frame fits. */
    static final int BUFFER_BYTES = 1536;

    @Override
    public String module() {
        return NicRingAbstraction.MODULE;
    }

    @Override
    public Replay replay(Map<String, String> constants, List<SpecStep> behaviour) {
        Bench b;
        try {
            b = new Bench(constants);
        } catch (IllegalArgumentException e) {
            return new Replay(List.of(), Optional.of("cannot build the rings for these constants: " + e.getMessage()));
        }
        return Replayer.steps(behaviour, step -> b.perform(step.action()), () -> b.state.observe().toTla());
    }

    /** The input NIC (its RX ring), the output NIC (its TX ring) and the packets between them. */
    static final class Bench {
        final Nic in;
        final Nic out;
        final ArrayDeque<Mbuf> between = new ArrayDeque<>();
        final NicRingState state;
        long posted;
        int arrivals;

        Bench(Map<String, String> c) {
            int n = Replayer.integerConstant(c, "N");
            Replayer.integerConstant(c, "MaxArrivals");
            Replayer.requireNoMutant(c);
            if (n < 2) {
                throw new IllegalArgumentException("N = " + n + ": NicRing needs N >= 2");
            }
            Simulator sim = new Simulator(1);
            in = new Nic(sim, "bench.in", new NicConfig(n, 1, 0));
            out = new Nic(sim, "bench.out", new NicConfig(1, n, 0));
            out.setTransmitOnCommand(true);
            for (int i = 0; i < n - 1; i++) {
                in.rxRing().post(Mbuf.unpooled(0, BUFFER_BYTES));
            }
            state = new NicRingState(new NicRingState.Parts(in, out, () -> posted, () -> List.copyOf(between), n));
            state.observe();
        }

        Optional<String> perform(String action) {
            RxRing rx = in.rxRing();
            TxRing tx = out.txRing();
            switch (action) {
                case "NicReceive" -> in.receiveFromWire(frame(++arrivals));
                case "NicTransmit" -> {
                    if (!out.transmitNow()) {
                        return Optional.of("the output NIC has no descriptor queued");
                    }
                }
                case "DriverReceive" -> {
                    if (!rx.hasDone()) {
                        return Optional.of("the RX descriptor at next-to-clean is not done");
                    }
                    between.add(rx.take());
                }
                case "DriverRefill" -> {
                    if (!rx.canPost()) {
                        return Optional.of("the RX descriptor at the tail is not free");
                    }
                    rx.post(Mbuf.unpooled(0, BUFFER_BYTES));
                }
                case "DriverTransmit" -> {
                    if (between.isEmpty()) {
                        return Optional.of("no received packet to forward");
                    }
                    if (!tx.canPost()) {
                        return Optional.of("the TX descriptor at the tail is not free");
                    }
                    tx.post(between.poll());
                    posted++;
                    out.kickTransmit();
                }
                case "DriverReclaim" -> {
                    if (!tx.hasSent()) {
                        return Optional.of("the TX descriptor at next-to-reclaim has not been sent");
                    }
                    tx.reclaim();
                }
                default -> {
                    return Optional.of("NicRing has no action " + action);
                }
            }
            return Optional.empty();
        }

        /** A minimal IPv4 frame from 10.1.0.2 whose identification is the packet's number. */
        static byte[] frame(int number) {
            byte[] b = new byte[60];
            b[12] = 0x08; // EtherType IPv4
            int ip = 14;
            b[ip] = 0x45;
            b[ip + 3] = 46; // total length: the rest of a minimum frame
            b[ip + 4] = (byte) (number >> 8);
            b[ip + 5] = (byte) number;
            b[ip + 8] = 64; // TTL
            b[ip + 9] = 17; // UDP
            b[ip + 12] = 10;
            b[ip + 13] = 1;
            b[ip + 15] = 2;
            b[ip + 16] = 10;
            b[ip + 17] = 9;
            b[ip + 18] = 0;
            b[ip + 19] = 9;
            return b;
        }
    }
}
