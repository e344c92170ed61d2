package dev.netspec.livelock;

import java.util.Map;

/**
 * One measured point: over the measurement window, the rate at which packets arrived at the
 * router's input NIC and the rate at which its output NIC sent them on, where the CPU's time went,
 * and what was dropped for which reason.
 *
 * @param offeredPps the generator's nominal rate
 * @param inputPps measured arrivals at the router
 * @param outputPps measured forwarded frames sent by the router
 * @param cpuHardirq fraction of the window the CPU spent in interrupt handlers
 * @param cpuKernel fraction in software interrupts and kernel threads
 * @param cpuUser fraction in user processes (screend, ksoftirqd)
 * @param drops drops during the window, by reason
 * @param balanced whether the router's ledger balanced at the end of the run (conservation)
 */
public record Point(Curve curve, double offeredPps, double inputPps, double outputPps,
        double cpuHardirq, double cpuKernel, double cpuUser, Map<String, Long> drops, boolean balanced) {
    public Point {
        drops = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(drops)); // sorted: deterministic output
    }
}
