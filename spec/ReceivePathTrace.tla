-------------------------- MODULE ReceivePathTrace --------------------------
(***************************************************************************)
(* Trace validation of the Java stack against ReceivePath (the contract   *)
(* the conformance validator relies on: TraceVars, Explains, Silent).     *)
(*                                                                         *)
(* The Java stack (impl/, packages driver, nic, host) reports each CPU     *)
(* step and each NIC event with a label from dev.netspec.probe.Actions;   *)
(* the abstraction dev.netspec.conform.rx.ReceivePathAbstraction maps the  *)
(* host's state after the step to ReceivePath's variables.  Explains(l)   *)
(* says which ReceivePath actions may explain a step labelled l.           *)
(*                                                                         *)
(* Where the stack takes a step ReceivePath does not have, the step must   *)
(* leave every variable unchanged (Stutter): the stack only does           *)
(* bookkeeping the model abstracts away.  These are:                       *)
(*  - the classic handler's entry (RxInterrupt/TxInterrupt labels under    *)
(*    Design = "interrupt"): in the model the latched irq stays set for    *)
(*    the handler's whole run, so entering it changes nothing;             *)
(*  - TxStart (if_start moves the ifq's head onto a free TX descriptor):   *)
(*    the abstraction counts a packet in ifq for which a TX descriptor is  *)
(*    free as already on the TX ring, which is where ReceivePath's Output  *)
(*    and Reclaim put it at once;                                          *)
(*  - IrqExit, PollDone, PollYield that find new work at the last moment   *)
(*    and carry on (and NAPI's rotation of a device that used its weight, *)
(*    which the model's single device does not see).                       *)
(* A stutter can never hide a wrong step: every recorded variable must    *)
(* keep its value.                                                         *)
(***************************************************************************)
EXTENDS ReceivePath

TraceVars == vars

Stutter == UNCHANGED vars

Explains(l) ==
    CASE l = "Arrive"      -> Arrive
      [] l = "Transmit"    -> Transmit
      [] l = "RxInterrupt" -> \/ PollInterrupt \/ NapiInterrupt
                              \/ (Design = "interrupt" /\ irq /\ Stutter)
      [] l = "TxInterrupt" -> \/ PollInterrupt \/ NapiInterrupt
                              \/ (Design = "interrupt" /\ irq /\ Stutter)
      [] l = "DriverRx"    -> RxInterrupt
      [] l = "IrqExit"     -> InterruptReturn \/ (Design = "interrupt" /\ Stutter)
      [] l = "IpInput"     -> IpInput
      [] l = "Poll"        -> PollRx \/ NapiPollRx
      [] l = "TxComplete"  -> TxInterrupt \/ PollTx \/ NapiPollTx
      [] l = "PollYield"   -> \/ PollNextTurn \/ NapiBudgetExhausted \/ NapiRepoll
                              \/ (Design # "interrupt" /\ Stutter)
      [] l = "NapiDefer"   -> NapiBudgetExhausted
      [] l = "PollDone"    -> \/ PollSleep \/ NapiComplete \/ NapiRepoll
                              \/ (Design # "interrupt" /\ Stutter)
      [] l = "UserStep"    -> UserStep
      [] l = "TxStart"     -> Stutter
      [] OTHER             -> FALSE

\* Every state change of the receive path is a recorded step.
Silent == FALSE
=============================================================================
