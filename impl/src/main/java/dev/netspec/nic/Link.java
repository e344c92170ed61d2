package dev.netspec.nic;

import dev.netspec.sim.Simulator;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A full-duplex point-to-point link between two NICs (one {@link Direction} each way). The sending
 * NIC serialises the frame at the link's speed; the link then applies its faults and delivers the
 * frame to the peer after the propagation delay.
 *
 * <p>Conservation per direction, at any instant: {@code sent + duplicated = delivered + lost + inFlight}.
 * Corruption does not remove a frame: it is delivered and the receiving NIC's FCS check counts it.
 */
public final class Link {
    /** One direction's state and counters. */
    public static final class Direction {
        private final Simulator sim;
        private final LinkParams params;
        private final RandomGenerator random;
        private Nic to;
        private long sent;
        private long delivered;
        private long lost;
        private long duplicated;
        private long reordered;
        private long corrupted;
        private long inFlight;

        Direction(Simulator sim, LinkParams params, RandomGenerator random) {
            this.sim = sim;
            this.params = params;
            this.random = random;
        }

        public LinkParams params() {
            return params;
        }

        /** Called by the sending NIC when the last bit of {@code f} has left it. */
        void send(Frame f) {
            sent++;
            if (draw(params.lossRate())) {
                lost++;
                return;
            }
            int copies = 1;
            if (draw(params.duplicateRate())) {
                duplicated++;
                copies = 2;
            }
            for (int i = 0; i < copies; i++) {
                Frame out = f;
                if (draw(params.corruptRate())) {
                    corrupted++;
                    byte[] b = f.bytes().clone();
                    int bit = random.nextInt(b.length * 8);
                    b[bit >>> 3] ^= (byte) (1 << (bit & 7));
                    out = new Frame(b, f.fcs());
                }
                long delay = params.delayNs();
                if (draw(params.reorderRate())) {
                    reordered++;
                    delay += params.reorderDelayNs();
                }
                inFlight++;
                Frame arriving = out;
                sim.schedule(delay, () -> {
                    inFlight--;
                    delivered++;
                    to.receive(arriving);
                });
            }
        }

        private boolean draw(double p) {
            // No draw at all for p == 0 so that a fault-free link consumes no randomness.
            return p > 0 && random.nextDouble() < p;
        }

        public long sent() {
            return sent;
        }

        public long delivered() {
            return delivered;
        }

        public long lost() {
            return lost;
        }

        public long duplicated() {
            return duplicated;
        }

        public long reordered() {
            return reordered;
        }

        public long corrupted() {
            return corrupted;
        }

        public long inFlight() {
            return inFlight;
        }
    }

    private final Nic a;
    private final Nic b;
    private final Direction ab;
    private final Direction ba;

    private Link(Nic a, Nic b, Direction ab, Direction ba) {
        this.a = a;
        this.b = b;
        this.ab = ab;
        this.ba = ba;
    }

    /** Joins {@code a} and {@code b}; {@code aToB} and {@code bToA} may differ (asymmetric faults). */
    public static Link connect(Simulator sim, Nic a, Nic b, LinkParams aToB, LinkParams bToA) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a == b) {
            throw new IllegalArgumentException("a link needs two different NICs");
        }
        Direction ab = new Direction(sim, aToB, sim.newRandom());
        Direction ba = new Direction(sim, bToA, sim.newRandom());
        ab.to = b;
        ba.to = a;
        a.attach(ab);
        b.attach(ba);
        return new Link(a, b, ab, ba);
    }

    public static Link connect(Simulator sim, Nic a, Nic b, LinkParams both) {
        return connect(sim, a, b, both, both);
    }

    /** The direction from {@code from} to the other end. */
    public Direction from(Nic from) {
        if (from == a) {
            return ab;
        }
        if (from == b) {
            return ba;
        }
        throw new IllegalArgumentException(from + " is not on this link");
    }
}
