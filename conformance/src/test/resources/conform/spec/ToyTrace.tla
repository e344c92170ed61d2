---------------------------- MODULE ToyTrace ------------------------------
(* Contract 1 of docs/conformance.md for the toy module: which actions may *)
(* explain a recorded label, and which unrecorded step may happen between  *)
(* recorded ones (losing a queued item: the recorder does not see it).     *)
EXTENDS Toy
TraceVars == vars
Explains(l) == CASE l = "inc" -> Inc
                 [] l = "push" -> \E v \in 1..2 : Push(v)
                 [] l = "pop" -> Pop
                 [] l = "reset" -> Reset
                 [] OTHER -> FALSE
Silent == Lose
===========================================================================
