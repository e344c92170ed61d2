---- MODULE Cycle ----
\* Toy spec for the TLC runner's tests: x goes round 0..N-1 forever; log records that x passed 1.
EXTENDS Naturals
CONSTANT N
ASSUME N > 1
VARIABLES x, log
vars == <<x, log>>

Init == x = 0 /\ log = <<>>
Step == x' = (x + 1) % N /\ log' = IF x = 1 THEN <<x>> ELSE log
Spec == Init /\ [][Step]_vars /\ WF_vars(Step)

InfinitelyOftenZero == []<>(x = 0)
EventuallySeven == <>(x = 7)
EventuallyAlwaysOne == <>[](x = 1)
NeverDown == [][x' >= x]_vars
====
