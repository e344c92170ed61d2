/**
 * Receive disciplines, the same variants as the TLA+ receive-path model and Mogul and
 * Ramakrishnan's paper, selected per NIC by {@link dev.netspec.driver.Design}:
 * <ul>
 *   <li>{@code interrupt}: 4.4BSD. The device interrupt handler copies every received frame to
 *       {@code ipintrq} and schedules the IP software interrupt, which does IP input and output.</li>
 *   <li>{@code poll_noquota}, {@code poll_quota}: the paper's section 6: the interrupt only masks the
 *       device and wakes a kernel polling thread that processes each packet to completion;
 *       interrupts come back on only when the device has no work. With a quota the thread yields
 *       after that many packets of receive and of transmit-complete work.</li>
 *   <li>{@code poll_feedback}: polling with quota plus queue-state feedback: input stops while the
 *       queue to the user process (screend) is above its high watermark and resumes at the low one.</li>
 *   <li>{@code napi}: Linux NAPI: the interrupt puts the device on a poll list for the NET_RX
 *       softirq, which polls each device up to its weight within a budget, then defers to the
 *       ksoftirqd thread, which competes with user processes.</li>
 * </ul>
 * Every CPU-consuming action is a {@link dev.netspec.sim.Step} charged from the
 * {@link dev.netspec.sim.CostModel}; every drop is counted under a {@link dev.netspec.driver.DropReason}.
 */
package dev.netspec.driver;
