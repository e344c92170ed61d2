/**
 * Deliberate bugs for mutation testing of the conformance suite: {@link dev.netspec.fault.Fault}
 * names them, {@link dev.netspec.fault.Faults} switches them on for one thread while a test runs.
 */
package dev.netspec.fault;
