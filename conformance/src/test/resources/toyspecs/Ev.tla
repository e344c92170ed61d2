---- MODULE Ev ----
\* Toy spec for the TLC runner's tests: evaluation errors in an invariant and in the next-state relation.
EXTENDS Naturals, Sequences
VARIABLE x
Init == x = 0
NextOutOfDomain == x' = IF x = 2 THEN <<1>>[x] ELSE x + 1
NextBounded == x < 4 /\ x' = x + 1
DividesByZero == IF x = 2 THEN 1 \div 0 = 0 ELSE TRUE
====
