package dev.netspec.scenario;

import dev.netspec.conform.Abstraction;
import dev.netspec.fault.Fault;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How to run a scenario.
 *
 * @param faults known bugs switched on in the stack for the whole run ({@code Faults.with})
 * @param abstractions attached when the scenario's {@code spec M} names their module; each gives one
 *     recorded trace
 * @param stepLimit at most this many simulator events per run (a runaway scenario, e.g. an
 *     unbounded load, becomes a problem instead of a hang)
 * @param blockLimitNs how long a blocking socket call may wait in virtual time before it gives up
 *     with EAGAIN (connect: EINPROGRESS), as with SO_RCVTIMEO / SO_SNDTIMEO set to this bound
 * @param segmentWaitNs how long a {@code flow > segment} line waits for the stack's next segment
 * @param eventuallyLimitNs how far past the last statement the run continues for a pending
 *     {@code expect eventually}
 * @param eventHandler who replays event scenarios (null: such scenarios get a problem)
 * @param pcapDir where to write one pcap per NIC (null: none)
 */
public record RunOptions(Set<Fault> faults, List<Abstraction> abstractions, long stepLimit, long blockLimitNs,
        long segmentWaitNs, long eventuallyLimitNs, EventHandler eventHandler, Path pcapDir) {

    /** 50 million events: far beyond any scenario in the suite (the livelock example needs ~10^5). */
    public static final long DEFAULT_STEP_LIMIT = 50_000_000L;
    /** 10 s: covers a SYN retransmitted at RTO 1 s, 2 s and 4 s (RFC 6298 2.1 and 5.5). */
    public static final long DEFAULT_BLOCK_LIMIT_NS = 10_000_000_000L;
    /** 10 s: as for blocking calls (a delayed ACK is 200 ms, the first retransmission 1 s). */
    public static final long DEFAULT_SEGMENT_WAIT_NS = 10_000_000_000L;
    /** 300 s: longer than TIME-WAIT with the default MSL of 2 minutes (2 MSL = 240 s). */
    public static final long DEFAULT_EVENTUALLY_LIMIT_NS = 300_000_000_000L;

    public RunOptions {
        faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        abstractions = List.copyOf(abstractions);
        if (stepLimit < 1 || blockLimitNs < 0 || segmentWaitNs < 0 || eventuallyLimitNs < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The contract's three-argument form, with default bounds. */
    public RunOptions(Set<Fault> faults, List<Abstraction> abstractions, long stepLimit) {
        this(faults, abstractions, stepLimit, DEFAULT_BLOCK_LIMIT_NS, DEFAULT_SEGMENT_WAIT_NS,
                DEFAULT_EVENTUALLY_LIMIT_NS, null, null);
    }

    /** No faults, no abstractions, default bounds. */
    public static RunOptions defaults() {
        return new RunOptions(Set.of(), List.of(), DEFAULT_STEP_LIMIT);
    }

    public RunOptions withFaults(Set<Fault> f) {
        return new RunOptions(f, abstractions, stepLimit, blockLimitNs, segmentWaitNs, eventuallyLimitNs, eventHandler, pcapDir);
    }

    public RunOptions withAbstractions(List<Abstraction> a) {
        return new RunOptions(faults, a, stepLimit, blockLimitNs, segmentWaitNs, eventuallyLimitNs, eventHandler, pcapDir);
    }

    public RunOptions withStepLimit(long n) {
        return new RunOptions(faults, abstractions, n, blockLimitNs, segmentWaitNs, eventuallyLimitNs, eventHandler, pcapDir);
    }

    public RunOptions withBlockLimit(long ns) {
        return new RunOptions(faults, abstractions, stepLimit, ns, segmentWaitNs, eventuallyLimitNs, eventHandler, pcapDir);
    }

    public RunOptions withEventHandler(EventHandler h) {
        return new RunOptions(faults, abstractions, stepLimit, blockLimitNs, segmentWaitNs, eventuallyLimitNs, h, pcapDir);
    }

    public RunOptions withPcapDir(Path dir) {
        return new RunOptions(faults, abstractions, stepLimit, blockLimitNs, segmentWaitNs, eventuallyLimitNs, eventHandler, dir);
    }
}
