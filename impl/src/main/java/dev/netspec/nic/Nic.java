package dev.netspec.nic;

import dev.netspec.buf.Mbuf;
import dev.netspec.sim.EventHandle;
import dev.netspec.sim.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A simulated Ethernet NIC: receive path (FCS check, DMA into the RX ring, missed-packet counter),
 * transmit path (send what the driver queued on the TX ring at the link's speed, set descriptor
 * done) and an interrupt line.
 *
 * <h2>Interrupts</h2>
 * The cause register ({@link #ICR_RX}, {@link #ICR_TX}) collects events whether or not they are
 * masked; the line is asserted while {@code cause & mask != 0}. Reading the cause register clears
 * it (e1000 ICR semantics), so a handler that reads it and then finds new causes set will be
 * interrupted again. With moderation on, two assertions are at least
 * {@link NicConfig#interruptModerationNs()} apart: later causes wait and are delivered together.
 */
public final class Nic {
    /** Cause bit: a receive descriptor was written back. */
    public static final int ICR_RX = 1;
    /** Cause bit: a transmit descriptor was written back. */
    public static final int ICR_TX = 2;

    /** Things a NIC does on its own, reported for probes (labels from the receive-path vocabulary). */
    @FunctionalInterface
    public interface Observer {
        void action(Nic nic, String label);
    }

    private final Simulator sim;
    private final String name;
    private final NicConfig config;
    private final RxRing rx;
    private final TxRing tx;
    private Link.Direction out;
    private Runnable interruptHandler = () -> { };
    private Observer observer;
    private PcapWriter tap;
    private java.util.function.Predicate<byte[]> transmitFilter;

    private int icr;
    private int ims;
    private boolean lineAsserted;
    private long lastInterruptNs = Long.MIN_VALUE / 2;
    private EventHandle moderationTimer;
    private boolean transmitting;
    private Frame lastSent;

    private long rxFrames;
    private long rxDma;
    private long rxMissed;
    private long rxFcsErrors;
    private long rxTooLong;
    private long txFrames;
    private long txNoCarrier;
    private long interrupts;

    public Nic(Simulator sim, String name, NicConfig config) {
        this.sim = Objects.requireNonNull(sim, "sim");
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.rx = new RxRing(config.rxRingSize());
        this.tx = new TxRing(config.txRingSize());
    }

    public String name() {
        return name;
    }

    public NicConfig config() {
        return config;
    }

    public RxRing rxRing() {
        return rx;
    }

    public TxRing txRing() {
        return tx;
    }

    void attach(Link.Direction direction) {
        if (out != null) {
            throw new IllegalStateException(name + " is already on a link");
        }
        out = direction;
    }

    /** The direction of the attached link leaving this NIC, or null. */
    public Link.Direction link() {
        return out;
    }

    /** What to run when the interrupt line is asserted (the driver's handler wake-up). */
    public void setInterruptHandler(Runnable handler) {
        this.interruptHandler = Objects.requireNonNull(handler, "handler");
    }

    public void setObserver(Observer observer) {
        this.observer = observer;
    }

    /** Records every good frame received and every frame sent (like tcpdump on the interface). */
    public void setTap(PcapWriter tap) {
        this.tap = tap;
    }

    /**
     * A test harness's hook on the wire side of the transmitter: it sees every frame this NIC
     * finishes sending, and a frame for which it returns true is taken off the wire (not put on
     * the link), as packetdrill's tun device takes the segments a stack under test sends.
     * Counters, the tap and the TX ring behave as for any sent frame.
     */
    public void setTransmitFilter(java.util.function.Predicate<byte[]> filter) {
        this.transmitFilter = filter;
    }

    /**
     * A frame arrives from the wire (a test harness injecting it): exactly as if the link had
     * delivered {@code bytes} with a correct FCS.
     */
    public void receiveFromWire(byte[] bytes) {
        receive(Frame.of(bytes.clone()));
    }

    /**
     * A frame put straight onto this NIC's link, as a traffic generator attached to the port would
     * (no descriptor, no interrupt, no CPU): for offered load. Without a link it is counted as
     * {@link #txNoCarrier()}.
     */
    public void sendOnWire(byte[] bytes) {
        byte[] b = bytes.length < Frame.MIN_LENGTH ? java.util.Arrays.copyOf(bytes, Frame.MIN_LENGTH) : bytes.clone();
        Frame f = Frame.of(b);
        if (tap != null) {
            writeTap(f.bytes());
        }
        if (out != null) {
            out.send(f);
        } else {
            txNoCarrier++;
        }
    }

    // ------------------------------------------------------------------ receive

    /** A frame arrives from the link (its last bit has been received). */
    void receive(Frame f) {
        rxFrames++;
        if (!f.fcsOk()) {
            // IEEE 802.3 receivers discard frames whose FCS does not match; they never reach DMA.
            rxFcsErrors++;
            observe("Arrive");
            return;
        }
        if (tap != null) {
            writeTap(f.bytes());
        }
        switch (rx.dma(f.bytes())) {
            case STORED -> {
                rxDma++;
                raise(ICR_RX);
            }
            case RING_FULL -> rxMissed++;
            case TOO_LONG -> rxTooLong++;
        }
        observe("Arrive");
    }

    // ------------------------------------------------------------------ transmit

    /** Driver: the TX tail register was written; start sending if idle. */
    public void kickTransmit() {
        if (transmitting) {
            return;
        }
        Mbuf m = tx.peekQueued();
        if (m == null) {
            return;
        }
        transmitting = true;
        byte[] bytes = m.toByteArray();
        if (bytes.length < Frame.MIN_LENGTH) {
            bytes = java.util.Arrays.copyOf(bytes, Frame.MIN_LENGTH); // pad with zeros (802.3 4.2.3.3)
        }
        Frame f = Frame.of(bytes);
        long ns = out == null ? 0 : out.params().transmitNs(bytes.length);
        sim.schedule(ns, () -> {
            transmitting = false;
            txFrames++;
            if (tap != null) {
                writeTap(f.bytes());
            }
            if (transmitFilter != null && transmitFilter.test(f.bytes())) {
                // taken by the harness (see setTransmitFilter)
            } else if (out != null) {
                out.send(f);
            } else {
                txNoCarrier++;
            }
            tx.markSent();
            lastSent = f;
            raise(ICR_TX);
            observe("Transmit");
            kickTransmit();
        });
    }

    /** The frame whose transmission finished last (for observers of {@code Transmit}), or null. */
    public Frame lastSent() {
        return lastSent;
    }

    /** True while a frame is being serialised. */
    public boolean transmitting() {
        return transmitting;
    }

    // ------------------------------------------------------------------ interrupts

    /** Read the cause register; reading clears it. */
    public int readAndClearCause() {
        int c = icr;
        icr = 0;
        updateLine();
        return c;
    }

    /** The cause register without clearing it. */
    public int cause() {
        return icr;
    }

    /** The interrupt mask (bits enabled). */
    public int mask() {
        return ims;
    }

    /** IMS: enable the given cause bits. */
    public void enableInterrupts(int bits) {
        ims |= bits;
        updateLine();
    }

    /** IMC: disable the given cause bits. */
    public void disableInterrupts(int bits) {
        ims &= ~bits;
        updateLine();
    }

    public boolean interruptAsserted() {
        return lineAsserted;
    }

    private void raise(int bits) {
        icr |= bits;
        updateLine();
    }

    private void updateLine() {
        boolean want = (icr & ims) != 0;
        if (!want) {
            lineAsserted = false;
            return;
        }
        if (lineAsserted) {
            return;
        }
        long earliest = lastInterruptNs + config.interruptModerationNs();
        if (sim.now() >= earliest) {
            fire();
        } else if (moderationTimer == null || !moderationTimer.pending()) {
            moderationTimer = sim.scheduleAt(earliest, this::updateLine);
        }
    }

    private void fire() {
        lineAsserted = true;
        lastInterruptNs = sim.now();
        interrupts++;
        interruptHandler.run();
    }

    private void observe(String label) {
        if (observer != null) {
            observer.action(this, label);
        }
    }

    private void writeTap(byte[] frame) {
        try {
            tap.write(sim.now(), frame);
        } catch (IOException e) {
            throw new UncheckedIOException("pcap tap on " + name + " failed", e);
        }
    }

    // ------------------------------------------------------------------ counters

    /** Frames that arrived from the link, good or bad. */
    public long rxFrames() {
        return rxFrames;
    }

    /** Frames written into the RX ring. */
    public long rxDma() {
        return rxDma;
    }

    /** Frames dropped because no RX descriptor was free (drop reason {@code ring_full}). */
    public long rxMissed() {
        return rxMissed;
    }

    /** Frames dropped for a bad FCS (drop reason {@code bad_fcs}). */
    public long rxFcsErrors() {
        return rxFcsErrors;
    }

    /** Frames longer than the posted buffer (drop reason {@code too_long}). */
    public long rxTooLong() {
        return rxTooLong;
    }

    public long txFrames() {
        return txFrames;
    }

    public long txNoCarrier() {
        return txNoCarrier;
    }

    /** Interrupt assertions (edges). */
    public long interrupts() {
        return interrupts;
    }

    @Override
    public String toString() {
        return "Nic[" + name + "]";
    }
}
