---- MODULE Ext ----
\* Toy spec for the TLC runner's tests: extends a module that does not exist.
EXTENDS NoSuchModule
VARIABLE x
Init == x = 0
Next == x' = x
====
