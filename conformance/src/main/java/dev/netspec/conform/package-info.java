/**
 * Conformance between the Java stack and the TLA+ models: recorded traces
 * ({@link dev.netspec.conform.RecordedTrace}) built by per-module
 * {@link dev.netspec.conform.Abstraction}s, and their validation against the spec
 * ({@link dev.netspec.conform.TraceValidator}).
 */
package dev.netspec.conform;
