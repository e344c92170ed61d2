------------------------------- MODULE Toy --------------------------------
(***************************************************************************)
(* A toy module for testing the conformance engine (not a network model):   *)
(* a counter x up to Max, a queue q of at most two items, and a channel    *)
(* that may lose one queued item (the kind of step a recording misses).     *)
(***************************************************************************)
EXTENDS Naturals, Sequences
CONSTANTS Max
VARIABLES x, q, lost
vars == <<x, q, lost>>

Init == x = 0 /\ q = <<>> /\ lost = 0
Inc == x < Max /\ x' = x + 1 /\ UNCHANGED <<q, lost>>
Push(v) == Len(q) < 2 /\ q' = Append(q, v) /\ UNCHANGED <<x, lost>>
Pop == q # <<>> /\ q' = Tail(q) /\ UNCHANGED <<x, lost>>
Reset == x > 0 /\ x' = 0 /\ UNCHANGED <<q, lost>>
Lose == lost < 1 /\ q # <<>> /\ q' = Tail(q) /\ lost' = lost + 1 /\ UNCHANGED x

Next == Inc \/ (\E v \in 1..2 : Push(v)) \/ Pop \/ Reset \/ Lose
Spec == Init /\ [][Next]_vars /\ WF_vars(Pop)

\* Pop eventually empties the queue: violated when Push keeps refilling it.
QueueDrains == []<>(q = <<>>)
TypeOK == x \in 0..Max /\ lost \in 0..1
===========================================================================
