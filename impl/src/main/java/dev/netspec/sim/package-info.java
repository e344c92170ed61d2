/**
 * A deterministic discrete-event simulator: a virtual clock in nanoseconds, an event queue ordered
 * by (time, insertion order), seeded randomness, and a {@link dev.netspec.sim.Cpu} that runs one
 * {@link dev.netspec.sim.Task} at a time by {@link dev.netspec.sim.Priority} with preemption and a
 * {@link dev.netspec.sim.CostModel} in CPU cycles per operation.
 *
 * <p>Nothing here reads a wall clock or starts a thread: the same seed and the same calls give the
 * same sequence of events, so overload and receive livelock (Mogul and Ramakrishnan, TOCS 1997)
 * are reproducible. Throughput is never computed from a formula; it is whatever the events,
 * priorities and queue limits produce.
 */
package dev.netspec.sim;
