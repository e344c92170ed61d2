package dev.netspec.conform;
public interface Replayer {
    String module();
    /** Replays a spec behaviour on the Java stack, step by step, and returns after each step the
     *  stack's abstract state in M's variables (TLA+ values by name). Stops early, with
     *  stuck = reason, at the first step the stack cannot perform (the step is not enabled there). */
    Replay replay(java.util.Map<String, String> constants, java.util.List<SpecStep> behaviour);
    record SpecStep(String action, java.util.Map<String, String> stateAfter) {}   // action: M's action name as TLC prints it, e.g. "NapiPollRx" or "Receive"
    record Replay(java.util.List<java.util.Map<String, String>> states, java.util.Optional<String> stuck) {}
}
