---- MODULE Counter ----
\* Toy spec for the TLC runner's tests: x counts up to Max, then resets and y counts the resets (at most 2).
EXTENDS Naturals
CONSTANT Max
VARIABLES x, y
vars == <<x, y>>

Init == x = 0 /\ y = 0
Inc == x < Max /\ x' = x + 1 /\ UNCHANGED y
Reset == x = Max /\ y < 2 /\ x' = 0 /\ y' = y + 1
Next == Inc \/ Reset
\* Weak fairness so that liveness is about the spec, not about stopping early.
Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

TypeOK == x \in 0..Max /\ y \in 0..2
Small == x < 3
Positive == x > 0
YNeverDecreases == [][y' >= y]_vars
XEventuallyMax == <>(x = Max)
YEventually3 == <>(y = 3)
====
