/**
 * Observation points: after each step of the simulated system (a CPU step such as {@code IpInput},
 * or a NIC event such as {@code Arrive}) a {@link dev.netspec.probe.Probe} may record the action
 * label and an abstract {@link dev.netspec.probe.Snapshot} of the state, for conformance checking
 * against the TLA+ receive-path model. Probes are off by default; when off no snapshot is built
 * and the only cost is a null check (the probe effect is real, so it must be avoidable).
 */
package dev.netspec.probe;
