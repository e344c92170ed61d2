---------------------------- MODULE NicRingTrace ----------------------------
(***************************************************************************)
(* Trace validation of the Java stack against NicRing (the contract the   *)
(* conformance validator relies on: TraceVars, Explains, Silent).         *)
(*                                                                         *)
(* The stack is a router: its first NIC's RX ring is NicRing's RX ring,   *)
(* its second NIC's TX ring NicRing's TX ring, the queues between them    *)
(* (ipintrq, the output interface's ifq) NicRing's stack.  The stack      *)
(* reports each CPU step and NIC event with a label from                  *)
(* dev.netspec.probe.Actions; dev.netspec.conform.ring.NicRingAbstraction *)
(* maps the router's state after the step to NicRing's variables (a stack *)
(* ring of S descriptors is NicRing's ring of N = S + 1: the stack's      *)
(* rings keep ownership per descriptor and need not keep one back).       *)
(*                                                                         *)
(* Two stack steps are coarser than NicRing's actions, and are explained   *)
(* by their exact compositions, written out below because TLC 2.18 has no  *)
(* action composition (\cdot):                                            *)
(*  - the driver takes a frame and refills its descriptor in one step     *)
(*    (DriverRx, Poll): DriverReceive then DriverRefill;                   *)
(*  - a TX cleaning pass (TxComplete) reclaims every transmitted           *)
(*    descriptor in order (e1000's clean_tx_irq walks while DD is set):    *)
(*    k >= 1 DriverReclaim steps.                                          *)
(* Steps that only move packets between the queues NicRing lumps into      *)
(* stack (IpInput), and the interrupt and poll bookkeeping NicRing leaves  *)
(* to ReceivePath.tla, must leave every variable unchanged (Stutter); so   *)
(* must a TxStart or TxComplete that finds nothing to do.                  *)
(***************************************************************************)
EXTENDS NicRing

TraceVars == vars

Stutter == UNCHANGED vars

\* DriverReceive followed by DriverRefill (rdh and rxClean end as they began).
ReceiveAndRefill ==
    /\ rxDD[rxNext]
    /\ Inc(rdt) # rdh
    /\ stack' = Append(stack, rxBuf[rxNext])
    /\ rxBuf' = [rxBuf EXCEPT ![rxNext] = None]
    /\ rxDD' = [rxDD EXCEPT ![rxNext] = FALSE]
    /\ rxNext' = Inc(rxNext)
    /\ rdt' = Inc(rdt)
    /\ UNCHANGED <<rdh, rxClean, txBuf, txDD, tdh, tdt, txNext, arrived, missed, lost, wire>>

\* k DriverReclaim steps in a row, each of a descriptor whose DD is set (so
\* none the NIC owns: tdh and lost stay as they are).
ReclaimRun(k) ==
    LET R == {(txNext + j) % N : j \in 0..(k - 1)}
    IN  /\ \A j \in 0..(k - 1) : txDD[(txNext + j) % N]
        /\ txBuf' = [i \in Slots |-> IF i \in R THEN None ELSE txBuf[i]]
        /\ txDD' = [i \in Slots |-> IF i \in R THEN FALSE ELSE txDD[i]]
        /\ txNext' = (txNext + k) % N
        /\ UNCHANGED <<rxBuf, rxDD, rdh, rdt, rxNext, rxClean, tdh, tdt, arrived, missed, lost, stack, wire>>

ReclaimPass == \E k \in 1..(N - 1) : ReclaimRun(k)

Explains(l) ==
    CASE l = "Arrive"      -> NicReceive
      [] l = "Transmit"    -> NicTransmit
      [] l = "DriverRx"    -> ReceiveAndRefill
      [] l = "Poll"        -> ReceiveAndRefill
      [] l = "TxStart"     -> DriverTransmit \/ Stutter
      [] l = "TxComplete"  -> ReclaimPass \/ Stutter
      [] l \in {"RxInterrupt", "TxInterrupt", "IrqExit", "IpInput", "PollYield",
                "PollDone", "NapiDefer", "UserStep"} -> Stutter
      [] OTHER             -> FALSE

\* Every state change of the two rings is a recorded step.
Silent == FALSE
=============================================================================
