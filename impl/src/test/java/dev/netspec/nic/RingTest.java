package dev.netspec.nic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.sim.Simulator;
import org.junit.jupiter.api.Test;

/** Descriptor ownership, head/tail movement and the missed-packet counter. */
class RingTest {
    private final MbufPool pool = new MbufPool(64, 64);
    private final Simulator sim = new Simulator(3);

    private Mbuf buffer() {
        return pool.tryAllocate(0, 1600);
    }

    private static byte[] frame(int tag) {
        byte[] b = new byte[64];
        b[0] = (byte) tag;
        return b;
    }

    @Test
    void theNicFillsOnlyDescriptorsItOwnsAndCountsMissedFrames() {
        Nic nic = new Nic(sim, "eth0", new NicConfig(4, 4, 0));
        RxRing ring = nic.rxRing();
        ring.post(buffer());
        ring.post(buffer());
        assertEquals(2, ring.nicOwned());
        for (int i = 0; i < 5; i++) {
            nic.receive(Frame.of(frame(i)));
        }
        assertEquals(5, nic.rxFrames());
        assertEquals(2, nic.rxDma());
        assertEquals(3, nic.rxMissed(), "frames beyond the posted descriptors are missed (ring_full)");
        assertEquals(2, ring.head());
        assertEquals(2, ring.doneCount());
        assertEquals(0, ring.nicOwned());
    }

    @Test
    void theDriverTakesFramesInArrivalOrderAndTheRingWrapsAround() {
        Nic nic = new Nic(sim, "eth0", new NicConfig(2, 2, 0));
        RxRing ring = nic.rxRing();
        ring.post(buffer());
        ring.post(buffer());
        assertFalse(ring.canPost(), "every slot is owned by the NIC");
        for (int round = 0; round < 3; round++) {
            nic.receive(Frame.of(frame(2 * round)));
            nic.receive(Frame.of(frame(2 * round + 1)));
            for (int k = 0; k < 2; k++) {
                assertTrue(ring.hasDone());
                try (Mbuf m = ring.take()) {
                    assertEquals(2 * round + k, m.getU8(0));
                }
                ring.post(buffer());
            }
        }
        assertEquals(0, nic.rxMissed());
        assertEquals(0, ring.head());
        assertEquals(0, ring.tail());
        ring.drain();
        pool.checkNoLeaks();
    }

    @Test
    void takingWithoutADoneDescriptorOrPostingIntoAnOwnedSlotIsADriverBug() {
        RxRing ring = new RxRing(1);
        assertThrows(IllegalStateException.class, ring::take);
        ring.post(buffer());
        assertThrows(IllegalStateException.class, () -> ring.post(Mbuf.unpooled(0, 10)));
        ring.drain();
        assertThrows(IllegalArgumentException.class, () -> new RxRing(0));
    }

    @Test
    void anUnreclaimedTransmitRingFillsAndReclaimFreesBuffers() {
        Nic nic = new Nic(sim, "eth0", new NicConfig(2, 2, 0));
        TxRing ring = nic.txRing();
        ring.post(pool.tryCopyOf(frame(1)));
        ring.post(pool.tryCopyOf(frame(2)));
        assertFalse(ring.canPost());
        nic.kickTransmit();
        sim.runToCompletion();
        assertEquals(2, nic.txFrames());
        assertEquals(2, ring.sentCount());
        assertFalse(ring.canPost(), "sent but unreclaimed descriptors still block the driver");
        assertEquals(Nic.ICR_TX, nic.cause());
        ring.reclaim();
        assertTrue(ring.canPost());
        ring.reclaim();
        assertEquals(0, pool.inUse());
    }

    @Test
    void aMaskedCauseDoesNotInterruptUntilUnmasked() {
        Nic nic = new Nic(sim, "eth0", NicConfig.defaults());
        int[] calls = {0};
        nic.setInterruptHandler(() -> calls[0]++);
        nic.rxRing().post(buffer());
        nic.receive(Frame.of(frame(0)));
        assertEquals(0, calls[0]);
        assertEquals(Nic.ICR_RX, nic.cause());
        nic.enableInterrupts(Nic.ICR_RX);
        assertEquals(1, calls[0], "a pending cause interrupts as soon as it is unmasked");
        assertEquals(Nic.ICR_RX, nic.readAndClearCause());
        assertFalse(nic.interruptAsserted());
        nic.rxRing().drain();
    }

    @Test
    void moderationSpacesInterruptsAndBatchesCauses() {
        Nic nic = new Nic(sim, "eth0", new NicConfig(8, 2, 1_000));
        long[] at = new long[8];
        int[] n = {0};
        nic.setInterruptHandler(() -> {
            at[n[0]++] = sim.now();
            nic.readAndClearCause();
        });
        nic.enableInterrupts(Nic.ICR_RX);
        for (int i = 0; i < 8; i++) {
            nic.rxRing().post(buffer());
        }
        for (int i = 0; i < 4; i++) {
            int k = i;
            sim.scheduleAt(100L * i, () -> nic.receive(Frame.of(frame(k))));
        }
        sim.runToCompletion();
        // frame 0 interrupts at 0; frames 1..3 (100..300 ns) wait for the 1000 ns moderation interval.
        assertEquals(2, n[0]);
        assertEquals(0, at[0]);
        assertEquals(1_000, at[1]);
        nic.rxRing().drain();
    }
}
