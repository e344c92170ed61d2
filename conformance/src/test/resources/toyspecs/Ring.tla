---- MODULE Ring ----
\* Toy spec for the TLC runner's tests: values wide enough that TLC prints them over several lines.
EXTENDS Naturals, Sequences
CONSTANT Slots
VARIABLES ring, q, rec
vars == <<ring, q, rec>>

Init == /\ ring = [i \in 1..Slots |-> "free"]
        /\ q = <<>>
        /\ rec = [head |-> 0, owner |-> "driver", label |-> "a long string value that does not fit"]
Fill == /\ Len(q) < Slots
        /\ ring' = [ring EXCEPT ![Len(q) + 1] = "owned_by_the_nic"]
        /\ q' = Append(q, Len(q) + 1)
        /\ rec' = [rec EXCEPT !.head = Len(q) + 1]
Spec == Init /\ [][Fill]_vars

QueueShort == Len(q) < Slots - 1
====
