---------------------------- MODULE ReceivePath ----------------------------
(***************************************************************************)
(* The receive path of a kernel network stack under overload: NIC RX ring, *)
(* the interrupt line and its mask, the interrupt handler, a polling       *)
(* thread with a quota, the queues between layers, the TX ring and its     *)
(* completions, a user process, and ONE CPU that runs one thing at a time  *)
(* by priority: hardware interrupt > kernel (softirq, kernel thread) >     *)
(* user process.                                                          *)
(*                                                                         *)
(* Follows J. Mogul and K. K. Ramakrishnan, "Eliminating Receive Livelock  *)
(* in an Interrupt-Driven Kernel" (TOCS 1997), as taught in MIT 6.1810     *)
(* lecture 21 (shared/seeds): Figure 6-1/6-2 (the unmodified 4.4BSD        *)
(* router with ipintrq), Figure 6-3 (polling with and without quota),      *)
(* Figure 6-4 (screend in the forwarding path, with and without queue      *)
(* feedback), and Linux NAPI (Salim, Olsson, Kuznetsov, ALS 2001).         *)
(*                                                                         *)
(* The designs are one constant, Design:                                   *)
(*   "interrupt"     4.4BSD: the RX interrupt handler moves every packet   *)
(*                   from the ring to ipintrq; a software interrupt does   *)
(*                   IP processing.  TX completions are interrupts too.    *)
(*   "poll_noquota"  the paper's polling thread, which handles RX until    *)
(*                   the ring is empty before it looks at TX completions.  *)
(*   "poll_quota"    the same thread, round-robin between RX (at most      *)
(*                   Quota packets per turn) and TX completions.           *)
(*   "poll_feedback" poll_quota plus queue-state feedback: input is        *)
(*                   inhibited when the downstream queue reaches HiWater   *)
(*                   and resumed when it drains to LoWater.                *)
(*   "napi"          Linux NAPI: the interrupt masks itself and puts the   *)
(*                   device on the poll list; each poll cleans the TX ring *)
(*                   once, then receives; the softirq polls at most        *)
(*                   Quota (the budget) packets, then defers the rest to   *)
(*                   ksoftirqd, which runs at user priority; the interrupt *)
(*                   is unmasked only when the ring is empty.              *)
(* Screend = TRUE puts a user process (the paper's screend) in the         *)
(* forwarding path: IP input -> screendq -> screend -> output.  With       *)
(* Screend = FALSE the host is a plain router: IP input -> output.         *)
(*                                                                         *)
(* Abstracted away (and why it is sound for the properties below):         *)
(*  - Time and rates.  Overload is "arrivals may come at any moment and    *)
(*    never stop" (weak fairness on Arrive); a livelock is a fair          *)
(*    behaviour in which arrivals keep a higher priority level busy for    *)
(*    ever.  The model cannot say at WHAT rate a design collapses (the     *)
(*    Java simulator measures that), only WHETHER some overload pattern    *)
(*    starves a level.                                                     *)
(*  - Descriptor detail.  The RX ring is a bounded FIFO of RingSize        *)
(*    packets; NicRing.tla models the descriptors, head/tail registers and *)
(*    ownership and checks that they implement exactly such a FIFO.  The   *)
(*    TX ring is a FIFO of TxRingSize descriptors of which the first       *)
(*    txSent have been transmitted and await reclaiming.                   *)
(*  - Packet contents.  Nothing here depends on a packet's value, only on  *)
(*    where it is (the system is data-independent, Wolper 1986).  So with  *)
(*    MaxArrivals = 0 (unbounded overload, for liveness) packets are       *)
(*    anonymous tokens and the state space is finite; with MaxArrivals > 0 *)
(*    packets are numbered 1..MaxArrivals and every packet's fate is       *)
(*    recorded, so conservation and order are checked exactly over every  *)
(*    behaviour with that many arrivals.                                   *)
(*  - Per-packet work is one atomic step per layer ("process a packet to   *)
(*    completion" is the paper's principle for the polling designs; for    *)
(*    the classic design each layer is one step).                          *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Design,        \* one of Designs, below
    Screend,       \* TRUE: a user process (screend) is in the forwarding path
    RingSize,      \* RX descriptor ring slots
    TxRingSize,    \* TX descriptor ring slots
    QueueCap,      \* capacity of ipintrq, screendq and ifq (the output queue)
    Quota,         \* poll quota per turn (polling designs), NAPI budget
    HiWater,       \* feedback: inhibit input when the watched queue reaches this
    LoWater,       \* feedback: resume input when it has drained to this
    MaxArrivals,   \* 0: arrivals never stop (liveness); k > 0: exactly k packets, tracked
    Mutant         \* "none", or the name of a deliberately broken variant (see Mutants)

Designs  == {"interrupt", "poll_noquota", "poll_quota", "poll_feedback", "napi"}
Polling  == {"poll_noquota", "poll_quota", "poll_feedback"}
Mutants  == {"none",
             "napi_early_reenable",   \* NAPI unmasks the interrupt when the budget runs out
             "feedback_early_resume", \* feedback resumes input before the queue drains
             "feedback_ignores_ifq"}  \* feedback watches only screendq, not the output queue
DropReasons == {"ring_full", "ipintrq_full", "screendq_full", "ifq_full"}

ASSUME Design \in Designs /\ Screend \in BOOLEAN /\ Mutant \in Mutants
ASSUME \A n \in {RingSize, TxRingSize, QueueCap, Quota} : n \in Nat \ {0}
ASSUME HiWater \in 1..QueueCap /\ LoWater \in 0..(HiWater - 1)
ASSUME MaxArrivals \in Nat

Tracked == MaxArrivals > 0
Pkts    == IF Tracked THEN 1..MaxArrivals ELSE {0}   \* 0: the anonymous packet

VARIABLES
    ring,          \* RX ring: packets DMA'd by the NIC, not yet taken by the driver
    rxIntrOn,      \* RX interrupt unmasked
    txIntrOn,      \* TX-completion interrupt unmasked
    irq,           \* the interrupt line is asserted (latched until the handler runs)
    ipintrq,       \* 4.4BSD IP input queue (interrupt design only)
    screendq,      \* queue to the user process (Screend only)
    ifq,           \* output queue in front of the TX ring
    txRing,        \* TX ring: packets handed to the NIC, oldest first
    txSent,        \* how many of txRing's first descriptors the NIC has transmitted
    polling,       \* polling designs: the poll thread is scheduled;
                   \* napi: "none", "softirq" or "ksoftirqd" (where the poll runs)
    rxLeft,        \* packets left in the current quota/budget turn
    napiTxDue,     \* napi: the current poll has yet to make its TX-cleaning pass
    inhibited,     \* feedback: input inhibited
    arrived,       \* packets arrived so far (Tracked only; 0 otherwise)
    out,           \* packets transmitted, in order (Tracked only)
    dropped,       \* drops as records [pkt, reason], in order (Tracked only)
    dropsSeen      \* the set of reasons for which some packet was dropped

vars == <<ring, rxIntrOn, txIntrOn, irq, ipintrq, screendq, ifq, txRing, txSent,
          polling, rxLeft, napiTxDue, inhibited, arrived, out, dropped, dropsSeen>>

-----------------------------------------------------------------------------
(* Helpers *)
Min(a, b) == IF a < b THEN a ELSE b
Range(s)  == {s[i] : i \in DOMAIN s}
Log(s, x) == IF Tracked THEN Append(s, x) ELSE s
Unsent    == SubSeq(txRing, txSent + 1, Len(txRing))
Sent      == SubSeq(txRing, 1, txSent)

\* The CPU's priority levels.  A level's actions are enabled only when no
\* higher level has work: this is how one CPU "runs one thing at a time".
HardirqWork == irq
KernelWork  == \/ Design = "interrupt" /\ ipintrq # <<>>
               \/ Design \in Polling   /\ polling = TRUE
               \/ Design = "napi"      /\ polling = "softirq"
AtKernel == ~HardirqWork
AtUser   == ~HardirqWork /\ ~KernelWork

\* The queue that queue-state feedback watches (the paper's Section 6.6).
\* (Mutant feedback_ignores_ifq forgets the output queue of a router.)
WatchedNext == IF Screend THEN screendq' ELSE IF Mutant = "feedback_ignores_ifq" THEN <<>> ELSE ifq'
ResumeLevel == IF Mutant = "feedback_early_resume" THEN HiWater - 1 ELSE LoWater

Drop(p, why) == /\ dropped'   = Log(dropped, [pkt |-> p, reason |-> why])
                /\ dropsSeen' = dropsSeen \cup {why}
NoDrop == UNCHANGED <<dropped, dropsSeen>>

\* ip_output: hand the packet straight to the NIC when a TX descriptor is free
\* (if_start), else queue it on ifq, else drop it (CPU already spent on it).
\* Sets txRing', ifq', dropped', dropsSeen'.
Output(p) == IF Len(txRing) < TxRingSize /\ ifq = <<>>
             THEN txRing' = Append(txRing, p) /\ UNCHANGED ifq /\ NoDrop
             ELSE IF Len(ifq) < QueueCap
             THEN ifq' = Append(ifq, p) /\ UNCHANGED txRing /\ NoDrop
             ELSE UNCHANGED <<ifq, txRing>> /\ Drop(p, "ifq_full")

\* What IP input does with a packet: forward it, or queue it to screend.
\* Sets screendq', txRing', ifq', dropped', dropsSeen'.
Deliver(p) == IF Screend
              THEN /\ UNCHANGED <<ifq, txRing>>
                   /\ IF Len(screendq) < QueueCap
                      THEN screendq' = Append(screendq, p) /\ NoDrop
                      ELSE UNCHANGED screendq /\ Drop(p, "screendq_full")
              ELSE UNCHANGED screendq /\ Output(p)

\* Reclaim the transmitted TX descriptors and refill the ring from ifq
\* (the TX-completion half of a driver).  Sets txRing', txSent', ifq'.
Reclaim == LET kept == Unsent
               n    == Min(TxRingSize - Len(kept), Len(ifq))
           IN  /\ txRing' = kept \o SubSeq(ifq, 1, n)
               /\ ifq'    = SubSeq(ifq, n + 1, Len(ifq))
               /\ txSent' = 0

-----------------------------------------------------------------------------
TypeOK ==
    /\ ring \in Seq(Pkts) /\ Len(ring) <= RingSize
    /\ rxIntrOn \in BOOLEAN /\ txIntrOn \in BOOLEAN /\ irq \in BOOLEAN
    /\ ipintrq \in Seq(Pkts) /\ Len(ipintrq) <= QueueCap
    /\ screendq \in Seq(Pkts) /\ Len(screendq) <= QueueCap
    /\ ifq \in Seq(Pkts) /\ Len(ifq) <= QueueCap
    /\ txRing \in Seq(Pkts) /\ Len(txRing) <= TxRingSize
    /\ txSent \in 0..Len(txRing)
    /\ polling \in (IF Design = "napi" THEN {"none", "softirq", "ksoftirqd"} ELSE BOOLEAN)
    /\ rxLeft \in 0..Quota
    /\ napiTxDue \in BOOLEAN
    /\ inhibited \in BOOLEAN
    /\ arrived \in 0..MaxArrivals
    /\ out \in Seq(Pkts)
    /\ dropped \in Seq([pkt : Pkts, reason : DropReasons])
    /\ dropsSeen \subseteq DropReasons

Init ==
    /\ ring = <<>> /\ ipintrq = <<>> /\ screendq = <<>> /\ ifq = <<>>
    /\ txRing = <<>> /\ txSent = 0
    /\ rxIntrOn = TRUE /\ txIntrOn = TRUE /\ irq = FALSE
    /\ polling = IF Design = "napi" THEN "none" ELSE FALSE
    /\ rxLeft = Quota /\ napiTxDue = FALSE /\ inhibited = FALSE
    /\ arrived = 0 /\ out = <<>> /\ dropped = <<>> /\ dropsSeen = {}

-----------------------------------------------------------------------------
(* The NIC: hardware, needs no CPU.                                       *)

\* A packet arrives from the wire and is DMA'd into the next RX descriptor,
\* raising the interrupt if it is unmasked; with no free descriptor the NIC
\* drops it and counts it (missed-packet counter): no CPU is spent on it.
Arrive ==
    /\ ~Tracked \/ arrived < MaxArrivals
    /\ LET p == IF Tracked THEN arrived + 1 ELSE 0 IN
       IF Len(ring) < RingSize
       THEN /\ ring' = Append(ring, p)
            /\ irq' = (irq \/ rxIntrOn)
            /\ NoDrop
       ELSE /\ UNCHANGED <<ring, irq>>
            /\ Drop(p, "ring_full")
    /\ arrived' = IF Tracked THEN arrived + 1 ELSE 0
    /\ UNCHANGED <<napiTxDue, rxIntrOn, txIntrOn, ipintrq, screendq, ifq, txRing, txSent,
                   polling, rxLeft, inhibited, out>>

\* The NIC transmits the oldest untransmitted TX descriptor and marks it done.
Transmit ==
    /\ txSent < Len(txRing)
    /\ txSent' = txSent + 1
    /\ out' = Log(out, txRing[txSent + 1])
    /\ irq' = (irq \/ txIntrOn)
    /\ UNCHANGED <<napiTxDue, ring, rxIntrOn, txIntrOn, ipintrq, screendq, ifq, txRing,
                   polling, rxLeft, inhibited, arrived, dropped, dropsSeen>>

-----------------------------------------------------------------------------
(* Design "interrupt": 4.4BSD (Figure 6-2).  Interrupts are never masked   *)
(* by the driver; the handler loops over RX and TX work and returns when   *)
(* it finds none; IP input runs as a software interrupt.                  *)

RxInterrupt ==
    /\ Design = "interrupt" /\ HardirqWork /\ ring # <<>>
    /\ ring' = Tail(ring)
    /\ IF Len(ipintrq) < QueueCap
       THEN ipintrq' = Append(ipintrq, Head(ring)) /\ NoDrop
       ELSE UNCHANGED ipintrq /\ Drop(Head(ring), "ipintrq_full")
    /\ UNCHANGED <<napiTxDue, rxIntrOn, txIntrOn, irq, screendq, ifq, txRing, txSent,
                   polling, rxLeft, inhibited, arrived, out>>

TxInterrupt ==
    /\ Design = "interrupt" /\ HardirqWork /\ txSent > 0
    /\ Reclaim
    /\ UNCHANGED <<napiTxDue, ring, rxIntrOn, txIntrOn, irq, ipintrq, screendq, polling,
                   rxLeft, inhibited, arrived, out, dropped, dropsSeen>>

InterruptReturn ==
    /\ Design = "interrupt" /\ HardirqWork /\ ring = <<>> /\ txSent = 0
    /\ irq' = FALSE
    /\ UNCHANGED <<napiTxDue, ring, rxIntrOn, txIntrOn, ipintrq, screendq, ifq, txRing,
                   txSent, polling, rxLeft, inhibited, arrived, out, dropped,
                   dropsSeen>>

\* ipintr: the IP input software interrupt.
IpInput ==
    /\ Design = "interrupt" /\ AtKernel /\ ipintrq # <<>>
    /\ ipintrq' = Tail(ipintrq)
    /\ Deliver(Head(ipintrq))
    /\ UNCHANGED <<napiTxDue, ring, rxIntrOn, txIntrOn, irq, txSent, polling, rxLeft,
                   inhibited, arrived, out>>

-----------------------------------------------------------------------------
(* Designs poll_*: the paper's polling thread (Section 6.4).  The          *)
(* interrupt only masks itself and wakes the thread; the thread processes  *)
(* each packet to completion and unmasks interrupts only when it has no    *)
(* work left.                                                             *)

PollInterrupt ==
    /\ Design \in Polling /\ HardirqWork
    /\ irq' = FALSE /\ rxIntrOn' = FALSE /\ txIntrOn' = FALSE
    /\ polling' = TRUE
    /\ UNCHANGED <<napiTxDue, ring, ipintrq, screendq, ifq, txRing, txSent, rxLeft,
                   inhibited, arrived, out, dropped, dropsSeen>>

HasQuota == Design = "poll_noquota" \/ rxLeft > 0
RxWork   == ring # <<>> /\ ~inhibited

PollRx ==
    /\ Design \in Polling /\ AtKernel /\ polling = TRUE
    /\ RxWork /\ HasQuota
    /\ ring' = Tail(ring)
    /\ Deliver(Head(ring))
    /\ rxLeft' = IF Design = "poll_noquota" THEN rxLeft ELSE rxLeft - 1
    /\ inhibited' = (Design = "poll_feedback" /\ Len(WatchedNext) >= HiWater)
    /\ UNCHANGED <<napiTxDue, rxIntrOn, txIntrOn, irq, ipintrq, txSent, polling, arrived, out>>

\* TX completions: without a quota only once RX has no work (so RX input
\* can starve them, Figure 6-3); with a quota, when the RX turn is used up
\* or RX has no work (round-robin).
PollTx ==
    /\ Design \in Polling /\ AtKernel /\ polling = TRUE
    /\ txSent > 0
    /\ IF Design = "poll_noquota" THEN ~RxWork ELSE rxLeft = 0 \/ ~RxWork
    /\ Reclaim
    /\ rxLeft' = Quota
    /\ inhibited' = (inhibited /\ ~(~Screend /\ Len(ifq') <= ResumeLevel))
    /\ UNCHANGED <<napiTxDue, ring, rxIntrOn, txIntrOn, irq, ipintrq, screendq, polling,
                   arrived, out, dropped, dropsSeen>>

\* The RX turn is used up and there is no TX work: start the next turn.
PollNextTurn ==
    /\ Design \in Polling \ {"poll_noquota"} /\ AtKernel /\ polling = TRUE
    /\ rxLeft = 0 /\ txSent = 0
    /\ rxLeft' = Quota
    /\ UNCHANGED <<napiTxDue, ring, rxIntrOn, txIntrOn, irq, ipintrq, screendq, ifq, txRing,
                   txSent, polling, inhibited, arrived, out, dropped, dropsSeen>>

\* No work left: sleep and unmask interrupts.  While input is inhibited the
\* RX interrupt stays masked (packets wait in the ring or are dropped by
\* the NIC for free); the resume wakes the thread.
PollSleep ==
    /\ Design \in Polling /\ AtKernel /\ polling = TRUE
    /\ ~RxWork /\ txSent = 0
    /\ polling' = FALSE
    /\ rxIntrOn' = ~inhibited /\ txIntrOn' = TRUE
    /\ rxLeft' = Quota
    /\ UNCHANGED <<napiTxDue, ring, irq, ipintrq, screendq, ifq, txRing, txSent, inhibited,
                   arrived, out, dropped, dropsSeen>>

-----------------------------------------------------------------------------
(* Design "napi": Linux NAPI.                                             *)
(*                                                                         *)
(* One poll of the device is e1000_clean: ONE pass over the TX ring        *)
(* (clean_tx_irq), then receives up to the budget (clean_rx_irq).  A poll  *)
(* starts when the interrupt schedules the device, when a budget is used   *)
(* up and ksoftirqd carries on, and when a poll ends with the ring empty   *)
(* but TX work left (e1000_clean then reports the whole budget used, so    *)
(* the device stays on the poll list and is polled again).  napiTxDue is   *)
(* TRUE from a poll's start until its TX pass; the pass is a step even     *)
(* when nothing was transmitted (the driver reads the ring to find out).   *)
(* Transmissions completing during the receives wait for the next poll.   *)

NapiInterrupt ==
    /\ Design = "napi" /\ HardirqWork
    /\ irq' = FALSE /\ rxIntrOn' = FALSE /\ txIntrOn' = FALSE
    /\ polling' = "softirq" /\ rxLeft' = Quota /\ napiTxDue' = TRUE
    /\ UNCHANGED <<ring, ipintrq, screendq, ifq, txRing, txSent, inhibited,
                   arrived, out, dropped, dropsSeen>>

\* The poll runs in softirq context (kernel level) for one budget, then in
\* ksoftirqd (user level, scheduled fairly with the user process).
NapiRuns == \/ polling = "softirq"   /\ AtKernel
            \/ polling = "ksoftirqd" /\ AtUser

\* The poll's TX pass: reclaim every transmitted descriptor (maybe none).
NapiPollTx ==
    /\ Design = "napi" /\ NapiRuns /\ napiTxDue
    /\ Reclaim
    /\ napiTxDue' = FALSE
    /\ UNCHANGED <<ring, rxIntrOn, txIntrOn, irq, ipintrq, screendq, polling,
                   rxLeft, inhibited, arrived, out, dropped, dropsSeen>>

NapiPollRx ==
    /\ Design = "napi" /\ NapiRuns /\ ~napiTxDue /\ ring # <<>> /\ rxLeft > 0
    /\ ring' = Tail(ring)
    /\ Deliver(Head(ring))
    /\ rxLeft' = rxLeft - 1
    /\ UNCHANGED <<rxIntrOn, txIntrOn, irq, ipintrq, txSent, polling, napiTxDue,
                   inhibited, arrived, out>>

\* Budget used up: stay on the poll list; the rest runs in ksoftirqd, in a
\* new poll that cleans TX first (net_rx_action checks the budget before it
\* polls again).  (Mutant napi_early_reenable also unmasks the interrupt.)
NapiBudgetExhausted ==
    /\ Design = "napi" /\ NapiRuns /\ ~napiTxDue /\ rxLeft = 0
    /\ polling' = "ksoftirqd" /\ rxLeft' = Quota /\ napiTxDue' = TRUE
    /\ IF Mutant = "napi_early_reenable"
       THEN rxIntrOn' = TRUE /\ txIntrOn' = TRUE
       ELSE UNCHANGED <<rxIntrOn, txIntrOn>>
    /\ UNCHANGED <<ring, irq, ipintrq, screendq, ifq, txRing, txSent, inhibited,
                   arrived, out, dropped, dropsSeen>>

\* The ring is empty but transmissions completed since the TX pass: the
\* poll ends without napi_complete and the device is polled again.
NapiRepoll ==
    /\ Design = "napi" /\ NapiRuns /\ ~napiTxDue /\ rxLeft > 0
    /\ ring = <<>> /\ txSent > 0
    /\ napiTxDue' = TRUE
    /\ UNCHANGED <<ring, rxIntrOn, txIntrOn, irq, ipintrq, screendq, ifq, txRing,
                   txSent, polling, rxLeft, inhibited, arrived, out, dropped,
                   dropsSeen>>

\* napi_complete: the poll found no work left within its budget; leave the
\* poll list, unmask.
NapiComplete ==
    /\ Design = "napi" /\ NapiRuns /\ ~napiTxDue /\ rxLeft > 0
    /\ ring = <<>> /\ txSent = 0
    /\ polling' = "none" /\ rxIntrOn' = TRUE /\ txIntrOn' = TRUE
    /\ rxLeft' = Quota
    /\ UNCHANGED <<ring, irq, ipintrq, screendq, ifq, txRing, txSent, napiTxDue,
                   inhibited, arrived, out, dropped, dropsSeen>>

-----------------------------------------------------------------------------
(* The user process (screend): takes a packet from screendq and sends it   *)
(* on.  With feedback it blocks while the output path is full (flow        *)
(* control instead of a drop) and resumes inhibited input once screendq    *)
(* has drained to the low watermark.                                       *)

OutputFull == Len(txRing) = TxRingSize /\ Len(ifq) = QueueCap

UserStep ==
    /\ Screend /\ AtUser /\ screendq # <<>>
    /\ Design = "poll_feedback" => ~OutputFull
    /\ screendq' = Tail(screendq)
    /\ Output(Head(screendq))
    /\ IF Design = "poll_feedback" /\ inhibited /\ Len(screendq') <= ResumeLevel
       THEN /\ inhibited' = FALSE
            /\ polling' = TRUE            \* wake the poll thread
            /\ rxIntrOn' = FALSE /\ txIntrOn' = FALSE
       ELSE UNCHANGED <<inhibited, polling, rxIntrOn, txIntrOn>>
    /\ UNCHANGED <<napiTxDue, ring, irq, ipintrq, txSent, rxLeft, arrived, out>>

-----------------------------------------------------------------------------
Hardware == Arrive \/ Transmit
Cpu == \/ RxInterrupt \/ TxInterrupt \/ InterruptReturn \/ IpInput
       \/ PollInterrupt \/ PollRx \/ PollTx \/ PollNextTurn \/ PollSleep
       \/ NapiInterrupt \/ NapiPollRx \/ NapiPollTx \/ NapiBudgetExhausted \/ NapiRepoll
       \/ NapiComplete
       \/ UserStep

Next == Hardware \/ Cpu

\* TX completions reclaimed by the CPU, whichever design does it (a NAPI
\* TX pass that finds nothing transmitted reclaims nothing).
TxComplete == TxInterrupt \/ PollTx \/ (NapiPollTx /\ txSent > 0)

(* Fairness.  Weak fairness on Arrive is the overload assumption: packets  *)
(* keep coming for ever.  The NIC transmits on its own (weak fairness).    *)
(* The CPU is shared by five threads of control (the hardware interrupt    *)
(* handler, the IP software interrupt, the poll thread, the NAPI poll and  *)
(* the user process); each gets strong fairness: a thread that can run     *)
(* again and again (its level has work and no higher level has) is        *)
(* eventually run.  Priority is in the guards, so a thread starved by      *)
(* higher-level work that never lets up is not enabled and fairness does   *)
(* not force it: that is exactly a livelock.  What a thread does when it   *)
(* runs is its own (deterministic) business, so fairness is per thread,    *)
(* not per action.                                                         *)
Hardirq    == RxInterrupt \/ TxInterrupt \/ InterruptReturn \/ PollInterrupt \/ NapiInterrupt
PollThread == PollRx \/ PollTx \/ PollNextTurn \/ PollSleep
NapiPoll   == NapiPollRx \/ NapiPollTx \/ NapiBudgetExhausted \/ NapiRepoll \/ NapiComplete

Fairness ==
    /\ WF_vars(Arrive) /\ WF_vars(Transmit)
    /\ SF_vars(Hardirq) /\ SF_vars(IpInput) /\ SF_vars(PollThread)
    /\ SF_vars(NapiPoll) /\ SF_vars(UserStep)

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
(* Safety *)

\* Every packet that arrived is in exactly one place: the RX ring, a queue,
\* the TX ring, on the wire, or dropped with its reason (Tracked only).
Fates == out \o Unsent \o ifq \o screendq \o ipintrq \o ring
         \o [i \in DOMAIN dropped |-> dropped[i].pkt]
Conservation ==
    Tracked => /\ Len(Fates) = arrived
               /\ Range(Fates) = 1..arrived
               /\ Sent = SubSeq(out, Len(out) - txSent + 1, Len(out))

\* FIFO: packets leave in the order they arrived, and every queue and ring
\* holds them oldest first (Tracked only).
Increasing(s) == \A i \in 1..(Len(s) - 1) : s[i] < s[i + 1]
OrderKept == Tracked => Increasing(out \o Unsent \o ifq \o screendq \o ipintrq \o ring)

\* NAPI's invariant, and the paper's: the device interrupt is masked exactly
\* while the device is scheduled for polling (unless feedback holds input off).
IntrEnabledIffNotPolling ==
    LET scheduled == IF Design = "napi" THEN polling # "none" ELSE polling = TRUE IN
    Design # "interrupt" =>
        /\ scheduled => ~rxIntrOn
        /\ ~scheduled /\ ~inhibited => rxIntrOn

\* Drop early (the paper's principle): with feedback, no packet is dropped
\* after CPU time was spent on it; only the NIC drops, for free.
DropEarly == Design = "poll_feedback" => dropsSeen \subseteq {"ring_full"}

\* Feedback has hysteresis: once inhibited, input resumes only when the
\* watched queue has drained to the low watermark.
FeedbackHysteresis ==
    [][inhibited /\ ~inhibited' => Len(WatchedNext) <= LoWater]_vars

(* Liveness *)

\* When arrivals stop (Tracked), every packet is eventually on the wire or
\* dropped with a reason: no design gets stuck with packets inside.
EveryPacketHandled ==
    Tracked => <>[](arrived = MaxArrivals /\ Len(out) + Len(dropped) = MaxArrivals)

\* Under overload (arrivals never stop):
AppProgress  == []<><<UserStep>>_vars           \* screend receives packets for ever
TxNotStarved == []<><<TxComplete>>_vars         \* transmit completions for ever
NoLivelock   == (Screend => AppProgress) /\ TxNotStarved
=============================================================================
