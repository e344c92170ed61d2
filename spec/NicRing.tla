------------------------------ MODULE NicRing ------------------------------
(***************************************************************************)
(* NIC RX and TX descriptor rings and the ownership handoff between the   *)
(* NIC and its driver, in the style of the Intel 8254x (e1000) that the    *)
(* MIT 6.1810 networking lab uses (shared/seeds, lecture 21: "NIC DMA     *)
(* engine - DMA RX ring ... tx interrupt handler ... NIC DMA TX ring").    *)
(*                                                                         *)
(* Each ring has N descriptors and two registers: the head, advanced by   *)
(* the NIC, and the tail, advanced by the driver.  The NIC owns exactly    *)
(* the descriptors from head up to (not including) tail; head = tail means *)
(* it owns none, so the driver never hands over all N (it keeps one back). *)
(*  RX: the driver refills a cleaned descriptor with an empty buffer and   *)
(*      advances the tail; the NIC DMAs an arriving packet into the        *)
(*      descriptor at its head, sets its Descriptor Done (DD) status and   *)
(*      advances the head; with no descriptor it drops the packet and      *)
(*      counts it (the missed-packet counter); the driver takes packets    *)
(*      whose DD is set, in order, from its next-to-clean index.           *)
(*  TX: the driver puts a packet into the descriptor at the tail and       *)
(*      advances it; the NIC transmits from its head, sets DD and advances *)
(*      the head; the driver reclaims DD descriptors in order.            *)
(* Here the driver forwards what it receives (a router through the rings) *)
(* so one packet's whole life through both rings is visible.               *)
(*                                                                         *)
(* Abstracted away: buffer addresses and lengths (a descriptor holds the   *)
(* packet itself), DMA bursts (one atomic write-back per packet), the      *)
(* interrupt (ReceivePath.tla models it), and the protocol layers between  *)
(* the rings (a FIFO, `stack`).  Packets are numbered 1..MaxArrivals so   *)
(* conservation and order are checked exactly; nothing depends on the     *)
(* numbers themselves (data independence), so a few packets suffice.      *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS
    N,            \* descriptors per ring
    MaxArrivals,  \* packets offered on the wire
    Mutant        \* "none", or a deliberately broken driver (see Mutants)

Mutants == {"none",
            "refill_unread",      \* RX refill hands the NIC a descriptor the driver has not read
            "reclaim_unsent"}     \* TX reclaim frees a descriptor the NIC has not transmitted
ASSUME N \in Nat /\ N >= 2 /\ MaxArrivals \in Nat \ {0} /\ Mutant \in Mutants

Slots == 0..(N - 1)
None  == 0                          \* an empty buffer
Pkts  == 1..MaxArrivals

VARIABLES
    rxBuf, rxDD,    \* per RX descriptor: the packet in its buffer (or None), DD status
    rdh, rdt,       \* RX head (NIC) and tail (driver) registers
    rxNext,         \* driver: next RX descriptor to clean
    rxClean,        \* driver: descriptors read and awaiting refill
    txBuf, txDD,    \* per TX descriptor: packet handed to the NIC (or None), DD status
    tdh, tdt,       \* TX head (NIC) and tail (driver) registers
    txNext,         \* driver: next TX descriptor to reclaim
    arrived,        \* packets offered so far
    missed,         \* packets the NIC dropped for want of a descriptor (counted)
    lost,           \* packets overwritten or freed unsent (only a broken driver does this)
    stack,          \* packets received, waiting to be forwarded (FIFO)
    wire            \* packets transmitted, in order

vars == <<rxBuf, rxDD, rdh, rdt, rxNext, rxClean, txBuf, txDD, tdh, tdt, txNext,
          arrived, missed, lost, stack, wire>>

Inc(i) == (i + 1) % N
\* Descriptors from a up to (not including) b, going round the ring.
Between(a, b) == {(a + k) % N : k \in 0..(((b - a) + N) % N) - 1}
NicRx == Between(rdh, rdt)       \* RX descriptors the NIC owns
NicTx == Between(tdh, tdt)       \* TX descriptors the NIC owns

TypeOK ==
    /\ rxBuf \in [Slots -> Pkts \cup {None}] /\ rxDD \in [Slots -> BOOLEAN]
    /\ txBuf \in [Slots -> Pkts \cup {None}] /\ txDD \in [Slots -> BOOLEAN]
    /\ {rdh, rdt, rxNext, tdh, tdt, txNext} \subseteq Slots
    /\ rxClean \in 0..N
    /\ arrived \in 0..MaxArrivals /\ missed \in 0..MaxArrivals
    /\ lost \in Seq(Pkts) /\ stack \in Seq(Pkts) /\ wire \in Seq(Pkts)

\* The driver starts by giving the NIC N - 1 empty RX buffers.
Init ==
    /\ rxBuf = [i \in Slots |-> None] /\ rxDD = [i \in Slots |-> FALSE]
    /\ rdh = 0 /\ rdt = N - 1 /\ rxNext = 0 /\ rxClean = 1
    /\ txBuf = [i \in Slots |-> None] /\ txDD = [i \in Slots |-> FALSE]
    /\ tdh = 0 /\ tdt = 0 /\ txNext = 0
    /\ arrived = 0 /\ missed = 0 /\ lost = <<>> /\ stack = <<>> /\ wire = <<>>

-----------------------------------------------------------------------------
(* The NIC *)

\* A packet arrives: DMA into the head descriptor and write back DD, or, with
\* no descriptor owned, drop it and count it.  (A broken driver may have
\* handed over a descriptor still holding an unread packet: it is overwritten.)
NicReceive ==
    /\ arrived < MaxArrivals
    /\ arrived' = arrived + 1
    /\ IF rdh # rdt
       THEN /\ rxBuf' = [rxBuf EXCEPT ![rdh] = arrived + 1]
            /\ rxDD' = [rxDD EXCEPT ![rdh] = TRUE]
            /\ rdh' = Inc(rdh)
            /\ lost' = IF rxBuf[rdh] # None THEN Append(lost, rxBuf[rdh]) ELSE lost
            /\ UNCHANGED missed
       ELSE /\ missed' = missed + 1
            /\ UNCHANGED <<rxBuf, rxDD, rdh, lost>>
    /\ UNCHANGED <<rdt, rxNext, rxClean, txBuf, txDD, tdh, tdt, txNext, stack, wire>>

\* Transmit the head TX descriptor, write back DD.
NicTransmit ==
    /\ tdh # tdt
    /\ wire' = Append(wire, txBuf[tdh])
    /\ txDD' = [txDD EXCEPT ![tdh] = TRUE]
    /\ tdh' = Inc(tdh)
    /\ UNCHANGED <<rxBuf, rxDD, rdh, rdt, rxNext, rxClean, txBuf, tdt, txNext,
                   arrived, missed, lost, stack>>

-----------------------------------------------------------------------------
(* The driver *)

\* Take the packet from the next descriptor whose DD is set.
DriverReceive ==
    /\ rxDD[rxNext]
    /\ stack' = Append(stack, rxBuf[rxNext])
    /\ rxBuf' = [rxBuf EXCEPT ![rxNext] = None]
    /\ rxDD' = [rxDD EXCEPT ![rxNext] = FALSE]
    /\ rxNext' = Inc(rxNext)
    /\ rxClean' = rxClean + 1
    /\ UNCHANGED <<rdh, rdt, txBuf, txDD, tdh, tdt, txNext, arrived, missed, lost, wire>>

\* Give the descriptor at the tail back to the NIC with a fresh buffer,
\* keeping one back so that head = tail still means "NIC owns none".
DriverRefill ==
    /\ Inc(rdt) # rdh
    /\ IF Mutant = "refill_unread" THEN TRUE ELSE rxClean > 0
    /\ rdt' = Inc(rdt)
    /\ rxClean' = IF rxClean > 0 THEN rxClean - 1 ELSE 0
    /\ UNCHANGED <<rxBuf, rxDD, rdh, rxNext, txBuf, txDD, tdh, tdt, txNext,
                   arrived, missed, lost, stack, wire>>

\* Forward the oldest received packet: put it in the TX descriptor at the
\* tail and hand it to the NIC (one descriptor kept back, as for RX).
DriverTransmit ==
    /\ stack # <<>>
    /\ Inc(tdt) # txNext
    /\ txBuf' = [txBuf EXCEPT ![tdt] = Head(stack)]
    /\ tdt' = Inc(tdt)
    /\ stack' = Tail(stack)
    /\ UNCHANGED <<rxBuf, rxDD, rdh, rdt, rxNext, rxClean, txDD, tdh, txNext,
                   arrived, missed, lost, wire>>

\* Reclaim the next TX descriptor once the NIC has set its DD.
DriverReclaim ==
    /\ txNext # tdt
    /\ IF Mutant = "reclaim_unsent" THEN TRUE ELSE txDD[txNext]
    /\ lost' = IF txDD[txNext] THEN lost ELSE Append(lost, txBuf[txNext])
    /\ txBuf' = [txBuf EXCEPT ![txNext] = None]
    /\ txDD' = [txDD EXCEPT ![txNext] = FALSE]
    /\ txNext' = Inc(txNext)
    /\ \* a reclaimed descriptor the NIC still owned is taken back from it
       tdh' = IF txNext \in NicTx THEN Inc(txNext) ELSE tdh
    /\ UNCHANGED <<rxBuf, rxDD, rdh, rdt, rxNext, rxClean, tdt, arrived, missed, stack, wire>>

Nic    == NicReceive \/ NicTransmit
Driver == DriverReceive \/ DriverRefill \/ DriverTransmit \/ DriverReclaim
Next   == Nic \/ Driver

\* Every action is weakly fair: the NIC and the driver never stop working
\* while they have work (the receive path's scheduling is ReceivePath.tla's).
Spec == Init /\ [][Next]_vars /\ WF_vars(Nic) /\ WF_vars(DriverReceive)
        /\ WF_vars(DriverRefill) /\ WF_vars(DriverTransmit) /\ WF_vars(DriverReclaim)

-----------------------------------------------------------------------------
(* Properties *)

\* Ownership is exclusive: a descriptor the NIC owns holds no packet the
\* driver has yet to read (RX) and no packet already sent (TX); a
\* descriptor whose DD is set belongs to the driver.
OwnershipExclusive ==
    /\ \A i \in NicRx : rxBuf[i] = None /\ ~rxDD[i]
    /\ \A i \in NicTx : txBuf[i] # None /\ ~txDD[i]
    /\ \A i \in Slots : rxDD[i] => i \notin NicRx

RxHeld == LET k == (rdh - rxNext + N) % N
              n == IF k = 0 /\ rxDD[rxNext] THEN N ELSE k
          IN  [j \in 1..n |-> rxBuf[(rxNext + j - 1) % N]]
TxHeld == [j \in 1..(((tdt - tdh) + N) % N) |-> txBuf[(tdh + j - 1) % N]]
Range(s) == {s[i] : i \in DOMAIN s}

\* Every packet offered is in exactly one place: an RX descriptor, the
\* stack, a TX descriptor, the wire, or counted as missed.  Nothing lost.
Conservation ==
    /\ lost = <<>>
    /\ LET here == wire \o TxHeld \o stack \o RxHeld
       IN  /\ Len(here) + missed = arrived
           /\ \A i, j \in DOMAIN here : i # j => here[i] # here[j]

\* FIFO: packets leave in the order they arrived (drops leave gaps only).
Increasing(s) == \A i \in 1..(Len(s) - 1) : s[i] < s[i + 1]
OrderKept == Increasing(wire \o TxHeld \o stack \o RxHeld)

\* With the driver working, every packet offered is eventually on the wire
\* or counted as missed.
EveryPacketHandled == <>[](arrived = MaxArrivals /\ Len(wire) + missed = MaxArrivals)
=============================================================================
