package dev.netspec.driver;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.nic.Nic;
import dev.netspec.nic.RxRing;
import dev.netspec.probe.Actions;
import dev.netspec.sim.Cpu;
import dev.netspec.sim.Priority;
import dev.netspec.sim.Task;
import dev.netspec.sim.Step;
import java.util.Objects;

/**
 * The part every design shares: the interface output queue ({@code ifq}, 4.4BSD {@code if_snd}),
 * keeping the RX ring stocked with buffers, moving packets from ifq to the TX ring (if_start) and
 * reclaiming sent descriptors. Subclasses decide who runs these and when.
 */
public abstract sealed class Driver permits InterruptDriver, PollingDriver, NapiDriver {
    final Nic nic;
    final Softnet net;
    final DriverConfig config;
    final Cpu cpu;
    /** The hardware interrupt handler, a HARDIRQ task woken by the NIC's interrupt line. */
    final Task irq;
    private final BoundedQueue<Mbuf> ifq;
    /** {@code nic.rxRing()}, {@code net.pool()} and {@code config.rxBufferBytes()}: read per packet. */
    private final RxRing rxRing;
    private final MbufPool pool;
    private final int rxBufferBytes;
    private long received;
    private long started;
    private long completed;

    Driver(Nic nic, Softnet net, DriverConfig config) {
        this.nic = Objects.requireNonNull(nic, "nic");
        this.net = Objects.requireNonNull(net, "net");
        this.config = Objects.requireNonNull(config, "config");
        this.cpu = net.cpu();
        this.ifq = new BoundedQueue<>(nic.name() + ".ifq", DropReason.IFQ_FULL, net.limits().ifq());
        this.irq = new Task(nic.name() + ".irq", Priority.HARDIRQ, this::handler);
        this.rxRing = nic.rxRing();
        this.pool = net.pool();
        this.rxBufferBytes = config.rxBufferBytes();
    }

    /**
     * A driver of {@code config.design()} for {@code nic}: stocks the RX ring, installs the
     * interrupt handler, enables interrupts, and registers with {@code net}.
     */
    public static Driver attach(Nic nic, Softnet net, DriverConfig config) {
        Driver d = switch (config.design()) {
            case INTERRUPT -> new InterruptDriver(nic, net, config);
            case POLL_NOQUOTA, POLL_QUOTA, POLL_FEEDBACK -> new PollingDriver(nic, net, config);
            case NAPI -> new NapiDriver(nic, net, config);
        };
        while (nic.rxRing().canPost()) {
            Mbuf b = net.pool().tryAllocate(0, config.rxBufferBytes());
            if (b == null) {
                throw new IllegalStateException("buffer pool too small to stock " + nic.name() + "'s RX ring");
            }
            nic.rxRing().post(b);
        }
        net.register(d);
        d.start();
        return d;
    }

    /** Installs the interrupt handler and enables RX and TX interrupts (every design starts so). */
    final void start() {
        nic.setInterruptHandler(() -> cpu.wake(irq));
        nic.enableInterrupts(Nic.ICR_RX | Nic.ICR_TX);
    }

    /** One step of the hardware interrupt handler, or null when it has nothing to do. */
    abstract Step handler();

    /** The probe label of the interrupt now asserted: an RX interrupt if RX is among its causes. */
    final String interruptLabel() {
        return (nic.cause() & Nic.ICR_RX) != 0 ? Actions.RX_INTERRUPT : Actions.TX_INTERRUPT;
    }

    /**
     * The whole interrupt of a polled design (the paper's and NAPI's): enter, read and clear the
     * cause, mask the device, {@code schedule} the poll, leave. Null when no interrupt is asserted.
     */
    final Step maskAndSchedule(Runnable schedule) {
        if (!nic.interruptAsserted()) {
            return null;
        }
        return Step.of(interruptLabel(), net.cost().interruptEntry() + net.cost().interruptExit(), () -> {
            nic.readAndClearCause();
            nic.disableInterrupts(Nic.ICR_RX | Nic.ICR_TX);
            schedule.run();
        });
    }

    /** True while the driver is in polled mode (interrupts off, work scheduled). */
    public abstract boolean polling();

    /** Queue-state feedback released; only {@code poll_feedback} reacts. */
    void resumeInput() {
    }

    /** Frames this driver has taken off the ring and not yet handed to IP: none, each is processed in the step that takes it. */
    public int held() {
        return 0;
    }

    /** True while the interrupt handler is running its loop (the classic design only). */
    public boolean handlerActive() {
        return false;
    }

    /** Receive packets the polling thread may still take this round (the quota for non-polling designs). */
    public int roundLeft() {
        return config.quota();
    }

    /** True while queue-state feedback holds this driver's receive interrupt masked. */
    public boolean inputInhibited() {
        return false;
    }

    public Nic nic() {
        return nic;
    }

    public DriverConfig config() {
        return config;
    }

    public Design design() {
        return config.design();
    }

    public BoundedQueue<Mbuf> ifq() {
        return ifq;
    }

    /** Frames taken from the RX ring. */
    public long received() {
        return received;
    }

    /** Packets moved to the TX ring. */
    public long started() {
        return started;
    }

    /** TX descriptors reclaimed. */
    public long completed() {
        return completed;
    }

    /**
     * ether_output's enqueue on the interface output queue (the {@code net} package's
     * {@code FrameSink}): false when {@code ifq} is full, and the caller keeps the frame and
     * counts the drop ({@code ifq_full}). Moving the packet to the NIC happens in a later
     * {@code TxStart} step charged to whoever runs it.
     */
    public boolean offer(Mbuf frame) {
        return ifq.offer(frame);
    }

    boolean canStart() {
        return !ifq.isEmpty() && nic.txRing().canPost();
    }

    boolean hasWork() {
        return nic.rxRing().hasDone() || nic.txRing().hasSent();
    }

    /** if_start for one packet: ifq head to the TX ring, then poke the NIC's tail register. */
    public Step txStartStep() {
        return Step.of(Actions.TX_START, net.cost().driverTxPerPacket(), () -> {
            if (canStart()) { // re-checked: an interrupt may have started it meanwhile
                nic.txRing().post(ifq.poll());
                started++;
                nic.kickTransmit();
            }
        });
    }

    /**
     * One cleaning pass over the TX ring: reclaim every sent descriptor (the cost is per
     * descriptor), then run {@code also}. A pass, not one descriptor per step: real drivers walk
     * the ring while the done bit is set (4.4BSD's transmit interrupt, e1000's clean_tx_irq), and
     * ReceivePath's TX-completion actions ({@code TxInterrupt}, {@code PollTx},
     * {@code NapiPollTx}) reclaim every transmitted descriptor in one step.
     */
    Step txCompleteStep(Runnable also) {
        long n = Math.max(1, nic.txRing().sentCount());
        return Step.of(Actions.TX_COMPLETE, n * net.cost().txCompletePerPacket(), () -> {
            completed += nic.txRing().reclaimAll();
            also.run();
        });
    }

    /**
     * Take the next received frame and put a fresh buffer in its slot. If the pool is empty the
     * old buffer goes back instead and the frame is dropped ({@code no_mbuf}): the ring must
     * never run dry of buffers or the NIC would stop receiving for good. Returns null if the
     * ring had no finished frame or the frame was dropped.
     */
    Mbuf takeAndRefill() {
        RxRing ring = rxRing;
        if (!ring.hasDone()) {
            return null;
        }
        Mbuf m = ring.take();
        received++;
        Mbuf fresh = pool.tryAllocate(0, rxBufferBytes);
        if (fresh == null) {
            m.trimBack(m.readableBytes());
            ring.post(m);
            net.drops().count(DropReason.NO_MBUF);
            return null;
        }
        ring.post(fresh);
        // Refill every slot the ring says is free. After a take that is exactly the slot just
        // read (the loop runs zero times); under Fault.RING_SLOT_REUSED_UNREAD the ring also
        // calls a DONE slot free and a buffer goes over a frame the driver never read.
        while (ring.canPost()) {
            Mbuf more = pool.tryAllocate(0, rxBufferBytes);
            if (more == null) {
                break;
            }
            ring.post(more);
        }
        return m;
    }

    @Override
    public String toString() {
        return nic.name() + "/" + config.design();
    }
}
