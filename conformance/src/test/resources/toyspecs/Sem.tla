---- MODULE Sem ----
\* Toy spec for the TLC runner's tests: a semantic error (y is not declared).
VARIABLE x
Init == x = 0
Next == x' = y
====
