---- MODULE Bad ----
\* Toy spec for the TLC runner's tests: a syntax error (Init's conjunction has no right operand).
VARIABLE x
Init == x = 0 /\
Next == x' = x
====
