------------------------------ MODULE TcpTrace ------------------------------
(***************************************************************************)
(* Trace validation of the Java TCP (impl/tcp) against Tcp: which Tcp      *)
(* action may explain a step the stack recorded, and what may happen       *)
(* between recorded steps without being recorded.                          *)
(*                                                                         *)
(* Labels are "Action(e)" with e the endpoint, "A" or "B", as              *)
(* dev.netspec.conform.tcp.TcpAbstraction writes them:                     *)
(*   PassiveOpen(e)      a listen() / passive OPEN (3.10.1)                *)
(*   ActiveOpen(e)       a connect() / active OPEN; the SYN it sends       *)
(*   Send(e)             one octet accepted by SEND (3.10.2); a SEND of n  *)
(*                       octets is recorded as n steps                     *)
(*   Close(e), Abort(e)  CLOSE (3.10.4), ABORT (3.10.5)                    *)
(*   Transmit(e)         a new data octet or our FIN sent for the first   *)
(*                       time (a segment of n octets is n steps)           *)
(*   Retransmit(e)       sequence space sent again (RTO, go-back-N)        *)
(*   TimeWaitTimeout(e)  the 2 MSL timer closed TIME-WAIT                  *)
(*   Receive(e)          a segment arrived at e and changed its state or   *)
(*                       TCB, or was answered (arrivals that do neither    *)
(*                       are not recorded: see SilentReceive)              *)
(* The recorded fields are state and tcb (both endpoints); the channel and *)
(* the loss and duplication counters are left to TLC: the Java stack      *)
(* acknowledges with delayed ACKs and piggybacks them on data, so its      *)
(* segments are not one-to-one with the model's, while the states they     *)
(* lead to are.                                                            *)
(***************************************************************************)
EXTENDS Tcp

TraceVars == vars

Lbl(name, e) == name \o "(" \o e \o ")"

Explains(l) ==
    \E e \in Ends :
        \/ l = Lbl("PassiveOpen", e) /\ PassiveOpen(e)
        \/ l = Lbl("ActiveOpen", e) /\ ActiveOpen(e)
        \/ l = Lbl("Send", e) /\ Send(e)
        \/ l = Lbl("Close", e) /\ Close(e)
        \/ l = Lbl("Abort", e) /\ Abort(e)
        \/ l = Lbl("Transmit", e) /\ Transmit(e)
        \/ l = Lbl("Retransmit", e) /\ Retransmit(e)
        \/ l = Lbl("TimeWaitTimeout", e) /\ TimeWaitTimeout(e)
        \/ l = Lbl("Receive", e) /\ \E i \in 1 .. Len(chan[e]) : Receive(e, i)

(* An arrival that changes neither state nor TCB and sends nothing (an ACK *)
(* of nothing new, a segment the stack's piggybacked ACK made redundant):  *)
(* the stack does not record it.  An arrival that answers (a duplicate ACK,*)
(* a challenge ACK, a reset) is recorded, as Receive(e).  Finite: the      *)
(* channel shrinks.                                                        *)
SilentReceive(e, i) ==
    /\ Receive(e, i)
    /\ UNCHANGED <<state, tcb>>
    /\ chan'[Peer(e)] = chan[Peer(e)]

(* The network's own steps, within the budgets MaxLoss and MaxDup: a link  *)
(* that loses or duplicates a frame is not seen by TCP.                    *)
Silent ==
    \E e \in Ends : \E i \in 1 .. Len(chan[e]) :
        \/ Lose(e, i)
        \/ Duplicate(e, i)
        \/ SilentReceive(e, i)
=============================================================================
