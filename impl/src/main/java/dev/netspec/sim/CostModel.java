package dev.netspec.sim;

/**
 * What each operation costs, in CPU cycles, on a CPU of {@code cpuHz}. Every CPU-consuming step in
 * the stack charges exactly one of these (or a sum of them); nothing else takes CPU time, and no
 * rate is computed anywhere from these numbers: throughput is what the simulation produces.
 *
 * @param cpuHz clock rate
 * @param interruptEntry trap, save state, dispatch to the handler, read the interrupt cause
 * @param interruptExit restore state and return from interrupt
 * @param driverRxPerPacket driver receive work per packet: take a descriptor, copy the frame out of
 *     the device into an mbuf (the LANCE in the paper's machine needs that copy), refill
 * @param driverTxPerPacket driver transmit start per packet (if_start: copy into the device, hand
 *     the descriptor to the NIC)
 * @param txCompletePerPacket reclaim one finished transmit descriptor and free its buffer
 * @param ipInput IP input: header checks, checksum, route lookup
 * @param ipForward ip_forward and ip_output: TTL, checksum update, ARP, enqueue on the output queue
 * @param udpInput UDP demultiplexing and checksum for locally delivered datagrams
 * @param socketEnqueue append to a socket receive queue (or screend's queue) and wake the reader
 * @param copyToUser system call and copy of one packet to user space
 * @param userWorkPerPacket the user process's own work per packet (screend's filter decision)
 * @param syscall one system call round trip (screend handing a packet back to the kernel)
 * @param contextSwitch switching between kernel threads or processes
 * @param pollOverhead the polling thread's per-round bookkeeping (check the device, enable interrupts)
 * @param userSliceNs scheduler time slice for USER tasks, in virtual nanoseconds
 * @param tcpInput TCP input for a locally delivered segment: checksum, demultiplexing to a TCB and
 *     RFC 9293 3.10.7 segment processing (not calibrated by the paper, which has no TCP; see
 *     {@link #dec3000()})
 */
public record CostModel(
        long cpuHz,
        long interruptEntry,
        long interruptExit,
        long driverRxPerPacket,
        long driverTxPerPacket,
        long txCompletePerPacket,
        long ipInput,
        long ipForward,
        long udpInput,
        long socketEnqueue,
        long copyToUser,
        long userWorkPerPacket,
        long syscall,
        long contextSwitch,
        long pollOverhead,
        long userSliceNs,
        long tcpInput) {

    public CostModel {
        if (cpuHz <= 0) {
            throw new IllegalArgumentException("cpuHz must be positive, got " + cpuHz);
        }
        long[] all = {interruptEntry, interruptExit, driverRxPerPacket, driverTxPerPacket,
            txCompletePerPacket, ipInput, ipForward, udpInput, socketEnqueue, copyToUser,
            userWorkPerPacket, syscall, contextSwitch, pollOverhead, tcpInput};
        for (long c : all) {
            if (c < 0) {
                throw new IllegalArgumentException("cycle costs must be >= 0: " + this);
            }
        }
        if (userSliceNs <= 0) {
            throw new IllegalArgumentException("userSliceNs must be positive, got " + userSliceNs);
        }
    }

    /**
     * The model without a TCP figure (as it was before TCP ran inside hosts): TCP input is charged
     * like UDP input plus a socket enqueue, the closest operations the calibration measures.
     */
    public CostModel(long cpuHz, long interruptEntry, long interruptExit, long driverRxPerPacket,
            long driverTxPerPacket, long txCompletePerPacket, long ipInput, long ipForward, long udpInput,
            long socketEnqueue, long copyToUser, long userWorkPerPacket, long syscall, long contextSwitch,
            long pollOverhead, long userSliceNs) {
        this(cpuHz, interruptEntry, interruptExit, driverRxPerPacket, driverTxPerPacket, txCompletePerPacket,
                ipInput, ipForward, udpInput, socketEnqueue, copyToUser, userWorkPerPacket, syscall, contextSwitch,
                pollOverhead, userSliceNs, udpInput + socketEnqueue);
    }

    /**
     * Calibrated to Mogul and Ramakrishnan's router: a DEC 3000/300 (Alpha 21064, 150 MHz) running
     * Digital UNIX, LANCE Ethernet. The paper's unmodified kernel peaks near 4,700-5,000 forwarded
     * packets/s (Figure 6-1; "peak @ 5000 => 200 us/pkt" in the lecture notes), i.e. about 30,000
     * cycles of work per forwarded packet when each packet gets its own receive and transmit
     * interrupt. The split below divides those 30,000 cycles among the operations of the forwarding
     * path (two interrupts of 3,000 cycles, driver receive copy 7,500, IP input and forwarding
     * 9,000, transmit start 4,500, transmit completion 1,500, context switch into the softirq
     * 1,500): only their sum is pinned by the paper, the split is our estimate. The screend costs
     * (copy to user, filter work, hand back) are chosen so that the screend path peaks below 2,000
     * packets/s, as the paper reports for its screend configuration. docs/livelock.md lists what is
     * calibrated and what emerges.
     */
    public static CostModel dec3000() {
        return new CostModel(
                150_000_000L,
                1_500, // interrupt entry (10 us)
                1_500, // interrupt exit (10 us)
                7_500, // driver receive copy per packet (50 us)
                4_500, // transmit start per packet (30 us)
                1_500, // transmit completion per packet (10 us)
                4_500, // IP input (30 us)
                4_500, // forwarding and output (30 us)
                3_000, // UDP input (20 us)
                1_500, // socket / screend queue enqueue (10 us)
                7_500, // syscall + copy to user (50 us)
                37_500, // screend's own work per packet (250 us)
                3_000, // syscall handing the packet back (20 us)
                1_500, // context switch (10 us)
                750, // poll round bookkeeping (5 us)
                10_000_000L, // 10 ms user time slice (a classic BSD quantum is 100 ms; shorter keeps runs short)
                4_500); // TCP input (30 us): not in the paper (no TCP there); UDP input plus the socket enqueue
    }

    /** Virtual nanoseconds that {@code cycles} take on this CPU, rounded up. */
    public long nanos(long cycles) {
        return Math.ceilDiv(Math.multiplyExact(cycles, 1_000_000_000L), cpuHz);
    }

    public CostModel withCpuHz(long hz) {
        return new CostModel(hz, interruptEntry, interruptExit, driverRxPerPacket, driverTxPerPacket,
                txCompletePerPacket, ipInput, ipForward, udpInput, socketEnqueue, copyToUser,
                userWorkPerPacket, syscall, contextSwitch, pollOverhead, userSliceNs, tcpInput);
    }

    public CostModel withUserWorkPerPacket(long cycles) {
        return new CostModel(cpuHz, interruptEntry, interruptExit, driverRxPerPacket, driverTxPerPacket,
                txCompletePerPacket, ipInput, ipForward, udpInput, socketEnqueue, copyToUser,
                cycles, syscall, contextSwitch, pollOverhead, userSliceNs, tcpInput);
    }
}
