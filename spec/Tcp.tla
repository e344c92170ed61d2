-------------------------------- MODULE Tcp --------------------------------
(***************************************************************************)
(* The TCP connection state machine of RFC 9293, two endpoints and the     *)
(* network between them.                                                   *)
(*                                                                         *)
(* What is modelled                                                        *)
(*  - Two endpoints "A" and "B", each with the connection state of RFC     *)
(*    9293 section 3.3.2 (all 11 states of Figure 5) and the part of the   *)
(*    TCB (section 3.3.1) that the figure's transitions depend on: ISS,    *)
(*    IRS, SND.UNA, SND.NXT, RCV.NXT, whether the TCB came from a passive  *)
(*    OPEN, the octets the user has queued with SEND and the octets        *)
(*    delivered to the receiving user.                                     *)
(*  - The user calls of section 3.10: passive and active OPEN (3.10.1),    *)
(*    SEND (3.10.2), CLOSE (3.10.4), ABORT (3.10.5).  RECEIVE is implicit: *)
(*    in-order data is handed to the user as it arrives.                   *)
(*  - The retransmission timer (3.8.1, 3.10.8) for SYN, data and FIN, and  *)
(*    the TIME-WAIT timer (2 MSL, 3.3.2 and 3.10.8), both abstracted.      *)
(*  - "SEGMENT ARRIVES" (3.10.7.1 CLOSED, 3.10.7.2 LISTEN, 3.10.7.3        *)
(*    SYN-SENT, 3.10.7.4 the other states) with the acceptability test,    *)
(*    RST and SYN handling including RFC 5961 challenge ACKs as adopted by *)
(*    RFC 9293, the ACK field, segment text and FIN.                       *)
(*  - A channel per direction holding segments in flight.  Any segment in  *)
(*    it may be delivered next (reordering), lost (within a loss budget)   *)
(*    or duplicated (within a duplication budget).                         *)
(*                                                                         *)
(* Abstractions and why they are sound for the properties checked          *)
(*  - Sequence numbers are natural numbers without wrap-around.  RFC 9293  *)
(*    3.4 compares sequence numbers modulo 2^32; within one connection the *)
(*    numbers compared lie within 2^31 of each other, where modular and    *)
(*    integer comparison agree.  Every connection here uses fewer than     *)
(*    MaxData + 3 numbers, so nothing is lost by not wrapping.             *)
(*  - ISN selection (3.4.1): incarnation k of endpoint e uses ISS =        *)
(*    IssBase[e] + (k-1) * Stride, where Stride exceeds the sequence space *)
(*    a connection consumes (SYN, MaxData octets, FIN).  This is what the  *)
(*    ISN generator and the quiet time guarantee: a new incarnation's      *)
(*    numbers do not overlap numbers still in flight from an old one.  The *)
(*    optional old duplicate SYN (OldDupSyn) carries a number ABOVE every  *)
(*    incarnation (the ISN clock has wrapped since), so old segments can   *)
(*    carry acknowledgments both below ISS and above SND.NXT.              *)
(*  - Segments carry at most one octet of data; SYN, data and FIN travel   *)
(*    in separate segments (segmentation is the sender's choice, 3.7).     *)
(*  - RCV.WND is the constant Window; the receiving user consumes data at  *)
(*    once, so the window never shrinks and SND.WND equals Window.         *)
(*  - Out-of-order text is not held for later processing (3.10.7.4 says    *)
(*    SHOULD hold): it is dropped and a duplicate ACK sent; the sender's   *)
(*    retransmission repairs the gap.  Holding is an optimisation.         *)
(*  - Timers fire nondeterministically.  The retransmission timer fires    *)
(*    only while the channel has room (ChanBound), which keeps the state   *)
(*    space finite and only delays a retransmission.  The 2 MSL timer      *)
(*    fires only when no segment is in flight in either direction and the  *)
(*    peer is no longer waiting for the ACK of its FIN: that is what 2 MSL *)
(*    is chosen to guarantee (3.3.2, 3.4.2); timed behaviours are a subset *)
(*    of untimed ones, so this restricts behaviours the way real time does.*)
(*  - Segments a segment's arrival produces (ACK, RST) and segments a user *)
(*    call produces (SYN of OPEN, RST of ABORT) are always queued: each    *)
(*    reply replaces the segment it answers, so the channel stays bounded. *)
(*                                                                         *)
(* RFC ambiguities flagged below with "AMBIGUITY".                         *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    MaxData,     \* octets each user may SEND per connection (bounded SEND)
    Senders,     \* the ends whose users call SEND
    MaxOpens,    \* OPEN calls per endpoint: connection incarnations
    ChanBound,   \* segments in flight (both ways) before timers wait for room
    MaxLoss,     \* loss budget: "loss is not forever" (see Spec)
    MaxDup,      \* duplication budget
    Window,      \* RCV.WND (and hence SND.WND) in octets
    OldDupSyn,   \* TRUE: the network may start with an old duplicate SYN
    OrderlyUsers,\* TRUE: users never ABORT, CLOSE only an open connection
                 \* and never SEND on a listening one (liveness configs)
    Mutant       \* "none" or the name of a deliberately broken rule

ASSUME Senders \subseteq {"A", "B"}
ASSUME MaxData \in Nat /\ MaxOpens \in Nat \ {0} /\ ChanBound \in Nat \ {0}
ASSUME MaxLoss \in Nat /\ MaxDup \in Nat /\ Window \in Nat \ {0}
ASSUME OldDupSyn \in BOOLEAN /\ OrderlyUsers \in BOOLEAN
ASSUME Mutant \in {"none", "no_time_wait", "rst_ignored_in_syn_received",
                   "fin_out_of_sequence", "ack_unsent_accepted"}

-----------------------------------------------------------------------------
(* The 11 states of RFC 9293 section 3.3.2. *)
CLOSED == "CLOSED"
LISTEN == "LISTEN"
SYNSENT == "SYN-SENT"
SYNRCVD == "SYN-RECEIVED"
ESTAB == "ESTABLISHED"
FINWAIT1 == "FIN-WAIT-1"
FINWAIT2 == "FIN-WAIT-2"
CLOSEWAIT == "CLOSE-WAIT"
CLOSING == "CLOSING"
LASTACK == "LAST-ACK"
TIMEWAIT == "TIME-WAIT"

States == {CLOSED, LISTEN, SYNSENT, SYNRCVD, ESTAB, FINWAIT1, FINWAIT2,
           CLOSEWAIT, CLOSING, LASTACK, TIMEWAIT}

(* States in which the peer's FIN has been received (3.10.7.4, eighth). *)
FinReceivedStates == {CLOSEWAIT, CLOSING, LASTACK, TIMEWAIT}
(* States in which the local user has called CLOSE on an open connection. *)
CloseCalledStates == {FINWAIT1, FINWAIT2, CLOSING, LASTACK, TIMEWAIT}
(* SYN-RECEIVED and the synchronized states (3.3.2): IRS is known. *)
HaveIrsStates == States \ {CLOSED, LISTEN, SYNSENT}
(* ESTABLISHED or a state only reachable through it. *)
EstablishedOrLater == {ESTAB, FINWAIT1, FINWAIT2, CLOSEWAIT, CLOSING,
                       LASTACK, TIMEWAIT}

Ends == {"A", "B"}
Peer(e) == IF e = "A" THEN "B" ELSE "A"

(* ISN generator abstraction (3.4.1), see the banner. *)
Stride == MaxData + 3
IssBase == [e \in Ends |-> IF e = "A" THEN 0 ELSE 2]
IssOf(e, k) == IssBase[e] + (k - 1) * Stride
OldIss == MaxOpens * Stride + 1
MaxSeq == OldIss + Stride
SeqNum == 0 .. MaxSeq

(* A segment (3.1): control bits, SEQ, ACK and at most one octet of data.  *)
(* data = 0 means no text; data = k is octet k of the sender's stream.     *)
Segments == [syn : BOOLEAN, ack : BOOLEAN, fin : BOOLEAN, rst : BOOLEAN,
             seq : SeqNum, ackNo : SeqNum, data : 0 .. MaxData]

Mk(syn, ack, fin, rst, seq, ackNo, data) ==
    [syn |-> syn, ack |-> ack, fin |-> fin, rst |-> rst,
     seq |-> seq, ackNo |-> ackNo, data |-> data]

(* SEG.LEN counts SYN and FIN (3.4). *)
SegLen(g) == (IF g.syn THEN 1 ELSE 0) + (IF g.fin THEN 1 ELSE 0)
                + (IF g.data > 0 THEN 1 ELSE 0)

(* The TCB (3.3.1), reduced to what the state diagram depends on. *)
Tcbs == [passive : BOOLEAN, opens : 0 .. MaxOpens, iss : SeqNum,
         irs : SeqNum, sndUna : SeqNum, sndNxt : SeqNum, rcvNxt : SeqNum,
         queued : 0 .. MaxData, rcvd : Seq(1 .. MaxData)]

(* No TCB (CLOSED): only the count of OPEN calls survives. *)
NoTcb(opens) == [passive |-> FALSE, opens |-> opens, iss |-> 0, irs |-> 0,
                 sndUna |-> 0, sndNxt |-> 0, rcvNxt |-> 0, queued |-> 0,
                 rcvd |-> <<>>]
(* A listening TCB (3.10.1 passive OPEN; also what SYN-RECEIVED returns to *)
(* on RST, 3.10.7.4 second).  The ISS chosen at OPEN is kept.              *)
ListenTcb(opens, iss) == [NoTcb(opens) EXCEPT !.passive = TRUE, !.iss = iss]

(* Sequence number of our FIN once CLOSE was called: after all queued data. *)
FinSeq(t) == t.iss + 1 + t.queued
FinAcked(t) == t.sndUna = FinSeq(t) + 1

(* Segments an endpoint forms (3.10.7). *)
AckSeg(t) == Mk(FALSE, TRUE, FALSE, FALSE, t.sndNxt, t.rcvNxt, 0)
SynSeg(t) == Mk(TRUE, FALSE, FALSE, FALSE, t.iss, 0, 0)
SynAckSeg(t) == Mk(TRUE, TRUE, FALSE, FALSE, t.iss, t.rcvNxt, 0)
RstSeg(seq) == Mk(FALSE, FALSE, FALSE, TRUE, seq, 0, 0)
RstAckSeg(ackNo) == Mk(FALSE, TRUE, FALSE, TRUE, 0, ackNo, 0)
(* The segment holding sequence number n of a synchronized sender: a data *)
(* octet, or the FIN once every octet is before it.                        *)
SegAt(t, n) == IF n < FinSeq(t)
               THEN Mk(FALSE, TRUE, FALSE, FALSE, n, t.rcvNxt, n - t.iss)
               ELSE Mk(FALSE, TRUE, TRUE, FALSE, n, t.rcvNxt, 0)

-----------------------------------------------------------------------------
VARIABLES
    state,   \* state[e]: the connection state of endpoint e
    tcb,     \* tcb[e]: its transmission control block (see Tcbs)
    chan,    \* chan[e]: segments in flight towards e, oldest first
    losses,  \* segments lost so far (bounded by MaxLoss)
    dups     \* segments duplicated so far (bounded by MaxDup)

vars == <<state, tcb, chan, losses, dups>>

(* Bound on the segments in flight: ChanBound from timers and duplication  *)
(* (replies replace what they answer), plus at most two segments per       *)
(* incarnation from user calls (the SYN of OPEN or SEND, the RST of ABORT) *)
(* and the old duplicate SYN.  TypeOK checks it.                           *)
MaxInFlight == ChanBound + 2 * MaxOpens * 2 + 1

TypeOK ==
    /\ state \in [Ends -> States]
    /\ tcb \in [Ends -> Tcbs]
    /\ \A e \in Ends : chan[e] \in Seq(Segments)
    /\ Len(chan["A"]) + Len(chan["B"]) <= MaxInFlight
    /\ losses \in 0 .. MaxLoss
    /\ dups \in 0 .. MaxDup

OldSyn == Mk(TRUE, FALSE, FALSE, FALSE, OldIss, 0, 0)

Init ==
    /\ state = [e \in Ends |-> CLOSED]
    /\ tcb = [e \in Ends |-> NoTcb(0)]
    \* An old duplicate SYN of an earlier incarnation of A (3.5, Figure 8).
    /\ chan \in IF OldDupSyn
                THEN {[e \in Ends |-> <<>>], [e \in Ends |-> IF e = "B" THEN <<OldSyn>> ELSE <<>>]}
                ELSE {[e \in Ends |-> <<>>]}
    /\ losses = 0
    /\ dups = 0

-----------------------------------------------------------------------------
(***************************************************************************)
(* SEGMENT ARRIVES (3.10.7).  Process(s, t, g) is the endpoint's reaction  *)
(* to segment g in state s with TCB t: a record with the new state, the    *)
(* new TCB and the reply (a sequence of at most one segment).              *)
(***************************************************************************)
Ret(s, t, out) == [st |-> s, t |-> t, out |-> out]

(* 3.10.7.1 CLOSED: everything but a RST is answered with a RST. *)
ProcClosed(s, t, g) ==
    IF g.rst THEN Ret(s, t, <<>>)
    ELSE IF ~g.ack THEN Ret(s, t, <<RstAckSeg(g.seq + SegLen(g))>>)
    ELSE Ret(s, t, <<RstSeg(g.ackNo)>>)

(* 3.10.7.2 LISTEN. *)
ProcListen(s, t, g) ==
    IF g.rst THEN Ret(s, t, <<>>)
    ELSE IF g.ack THEN Ret(s, t, <<RstSeg(g.ackNo)>>)
    ELSE IF g.syn
         THEN LET t2 == [t EXCEPT !.irs = g.seq, !.rcvNxt = g.seq + 1,
                                  !.sndUna = t.iss, !.sndNxt = t.iss + 1]
              IN Ret(SYNRCVD, t2, <<SynAckSeg(t2)>>)
         ELSE Ret(s, t, <<>>)

(* 3.10.7.3 SYN-SENT. *)
ProcSynSent(s, t, g) ==
    LET ackOk == t.iss < g.ackNo
                 /\ (g.ackNo <= t.sndNxt \/ Mutant = "ack_unsent_accepted")
    IN
    IF g.ack /\ ~ackOk
    THEN Ret(s, t, IF g.rst THEN <<>> ELSE <<RstSeg(g.ackNo)>>)
    ELSE IF g.rst
         \* RFC 5961 / 3.10.7.3: a RST is believed only if it acks our SYN.
         THEN IF g.ack THEN Ret(CLOSED, NoTcb(t.opens), <<>>)
              ELSE Ret(s, t, <<>>)
    ELSE IF g.syn
         THEN LET t2 == [t EXCEPT !.irs = g.seq, !.rcvNxt = g.seq + 1,
                                  !.sndUna = IF g.ack THEN g.ackNo ELSE t.sndUna]
              IN IF t2.sndUna > t2.iss
                 THEN Ret(ESTAB, t2, <<AckSeg(t2)>>)        \* rcv SYN,ACK
                 ELSE Ret(SYNRCVD, t2, <<SynAckSeg(t2)>>)   \* simultaneous open
    ELSE Ret(s, t, <<>>)

(* 3.10.7.4, seventh and eighth: segment text, then FIN, on an acceptable *)
(* segment whose ACK field has been processed; ack says a reply is owed.   *)
TextAndFin(s, t, g, ack) ==
    LET deliver == g.data > 0 /\ s \in {ESTAB, FINWAIT1, FINWAIT2}
                   /\ g.seq = t.rcvNxt
        t2 == IF deliver
              THEN [t EXCEPT !.rcvd = Append(t.rcvd, g.data),
                             !.rcvNxt = t.rcvNxt + 1]
              ELSE t
        finSeq == g.seq + (IF g.data > 0 THEN 1 ELSE 0)
        \* Faithful: only a FIN at RCV.NXT is processed (segments are
        \* processed in sequence).  The mutant takes any in-window FIN.
        fin == g.fin /\ (finSeq = t2.rcvNxt \/ Mutant = "fin_out_of_sequence")
        t3 == IF fin THEN [t2 EXCEPT !.rcvNxt = finSeq + 1] ELSE t2
        \* Where TIME-WAIT would be entered, the no_time_wait mutant closes.
        toTimeWait == IF Mutant = "no_time_wait" THEN CLOSED ELSE TIMEWAIT
        s3 == IF ~fin THEN s
              ELSE CASE s \in {SYNRCVD, ESTAB} -> CLOSEWAIT
                     [] s = FINWAIT1 -> IF FinAcked(t3) THEN toTimeWait ELSE CLOSING
                     [] s = FINWAIT2 -> toTimeWait
                     [] OTHER -> s   \* CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT
        t4 == IF s3 = CLOSED THEN NoTcb(t.opens) ELSE t3
    IN Ret(s3, t4, IF deliver \/ fin \/ ack THEN <<AckSeg(t3)>> ELSE <<>>)

(* 3.10.7.4, fifth: the ACK field; then text and FIN. *)
ProcAck(s, t, g) ==
    LET beyond == g.ackNo > t.sndNxt /\ Mutant # "ack_unsent_accepted"
        t2 == IF t.sndUna < g.ackNo THEN [t EXCEPT !.sndUna = g.ackNo] ELSE t
    IN
    CASE s = SYNRCVD ->
            IF t.sndUna < g.ackNo /\ ~beyond
            THEN TextAndFin(ESTAB, t2, g, FALSE)            \* rcv ACK of SYN
            ELSE Ret(s, t, <<RstSeg(g.ackNo)>>)
      [] s \in {ESTAB, FINWAIT1, FINWAIT2, CLOSEWAIT} ->
            IF beyond THEN Ret(s, t, <<AckSeg(t)>>)          \* acks unsent data
            ELSE TextAndFin(IF s = FINWAIT1 /\ FinAcked(t2) THEN FINWAIT2 ELSE s,
                            t2, g, FALSE)
      [] s = CLOSING ->
            \* "If the ACK acknowledges our FIN, enter TIME-WAIT, otherwise
            \* ignore the segment."
            IF beyond THEN Ret(s, t, <<AckSeg(t)>>)
            ELSE IF FinAcked(t2)
                 THEN IF Mutant = "no_time_wait"
                      THEN Ret(CLOSED, NoTcb(t.opens), <<>>)
                      ELSE Ret(TIMEWAIT, t2, <<>>)
                 ELSE Ret(s, t2, <<>>)
      [] s = LASTACK ->
            \* "The only thing that can arrive in this state is an
            \* acknowledgment of our FIN."  AMBIGUITY: data queued before
            \* CLOSE may still be unacknowledged in LAST-ACK (CLOSE-WAIT
            \* allows SEND), so its ACKs must advance SND.UNA as in
            \* ESTABLISHED; dropping them would retransmit that data forever.
            IF beyond THEN Ret(s, t, <<AckSeg(t)>>)
            ELSE IF FinAcked(t2) THEN Ret(CLOSED, NoTcb(t.opens), <<>>)
            ELSE Ret(s, t2, <<>>)
      [] s = TIMEWAIT ->
            \* Only a retransmitted FIN can arrive: acknowledge it (and
            \* restart the 2 MSL timer, which needs no state here).
            TextAndFin(s, t, g, g.fin)

(* 3.10.7.4 for SYN-RECEIVED and the synchronized states. *)
ProcOther(s, t, g) ==
    LET len == SegLen(g)
        InWindow(n) == t.rcvNxt <= n /\ n < t.rcvNxt + Window
        \* First: the acceptability test (RCV.WND > 0 here).
        acceptable == IF len = 0 THEN InWindow(g.seq)
                      ELSE InWindow(g.seq) \/ InWindow(g.seq + len - 1)
    IN
    IF ~acceptable THEN Ret(s, t, IF g.rst THEN <<>> ELSE <<AckSeg(t)>>)
    \* Second: the RST bit, RFC 5961 section 3 as adopted by 3.10.7.4.
    ELSE IF g.rst
         THEN IF g.seq # t.rcvNxt
              THEN Ret(s, t, <<AckSeg(t)>>)                  \* challenge ACK
              ELSE IF s = SYNRCVD
                   THEN IF Mutant = "rst_ignored_in_syn_received"
                        THEN Ret(s, t, <<>>)
                        \* Passive OPEN: back to LISTEN (Figure 5 note 1).
                        ELSE IF t.passive
                             THEN Ret(LISTEN, ListenTcb(t.opens, t.iss), <<>>)
                             ELSE Ret(CLOSED, NoTcb(t.opens), <<>>)
                   \* ESTABLISHED ... TIME-WAIT: connection reset.
                   \* AMBIGUITY: RFC 1337 advises ignoring RST in TIME-WAIT;
                   \* RFC 9293 keeps "enter the CLOSED state", as here.
                   ELSE Ret(CLOSED, NoTcb(t.opens), <<>>)
    \* Fourth: the SYN bit.
    ELSE IF g.syn
         THEN IF s = SYNRCVD /\ t.passive
              THEN Ret(LISTEN, ListenTcb(t.opens, t.iss), <<>>)
              \* Synchronized: challenge ACK (RFC 5961 section 4), not the
              \* RFC 793 reset.  AMBIGUITY: 3.10.7.4 keeps the RFC 793 text
              \* as an alternative for implementations without RFC 5961.
              ELSE Ret(s, t, <<AckSeg(t)>>)
    \* Text or FIN beyond RCV.NXT: not held for later (see banner); the
    \* duplicate ACK tells the sender where the gap is.
    ELSE IF len > 0 /\ g.seq # t.rcvNxt
            /\ ~(g.fin /\ Mutant = "fin_out_of_sequence")
         THEN Ret(s, t, <<AckSeg(t)>>)
    \* Fifth: a segment without ACK is dropped.
    ELSE IF ~g.ack THEN Ret(s, t, <<>>)
    ELSE ProcAck(s, t, g)

Process(s, t, g) ==
    CASE s = CLOSED  -> ProcClosed(s, t, g)
      [] s = LISTEN  -> ProcListen(s, t, g)
      [] s = SYNSENT -> ProcSynSent(s, t, g)
      [] OTHER       -> ProcOther(s, t, g)

-----------------------------------------------------------------------------
(* Channel helpers. *)
RemoveAt(q, i) == [j \in 1 .. Len(q) - 1 |-> IF j < i THEN q[j] ELSE q[j + 1]]
(* ChanBound bounds the segments in flight in both directions together.   *)
(* Timers and duplication wait for room; a reply replaces the segment it   *)
(* answers, so it never adds to the total.                                 *)
InFlight == Len(chan["A"]) + Len(chan["B"])
Room == InFlight < ChanBound
(* Queue reply segments (at most one) towards d. *)
SendTo(d, out) == chan' = [chan EXCEPT ![d] = @ \o out]

(***************************************************************************)
(* User calls (3.10).                                                      *)
(***************************************************************************)
(* 3.10.1 OPEN, passive: CLOSED -> LISTEN. *)
PassiveOpen(e) ==
    /\ state[e] = CLOSED
    /\ tcb[e].opens < MaxOpens
    /\ state' = [state EXCEPT ![e] = LISTEN]
    /\ tcb' = [tcb EXCEPT ![e] = ListenTcb(tcb[e].opens + 1,
                                           IssOf(e, tcb[e].opens + 1))]
    /\ UNCHANGED <<chan, losses, dups>>

(* 3.10.1 OPEN, active: CLOSED -> SYN-SENT, snd SYN. *)
ActiveOpen(e) ==
    /\ state[e] = CLOSED
    /\ tcb[e].opens < MaxOpens
    /\ LET iss == IssOf(e, tcb[e].opens + 1)
           t == [NoTcb(tcb[e].opens + 1) EXCEPT !.iss = iss,
                                                !.sndUna = iss, !.sndNxt = iss + 1]
       IN /\ state' = [state EXCEPT ![e] = SYNSENT]
          /\ tcb' = [tcb EXCEPT ![e] = t]
          /\ SendTo(Peer(e), <<SynSeg(t)>>)
    /\ UNCHANGED <<losses, dups>>

(* 3.10.2 SEND: queue one octet.  In LISTEN the connection turns active:   *)
(* LISTEN -> SYN-SENT, snd SYN (Figure 5).  In the closing states SEND is  *)
(* an error ("connection closing") and changes nothing.                    *)
Send(e) ==
    /\ e \in Senders
    /\ tcb[e].queued < MaxData
    /\ state[e] \in {LISTEN, SYNSENT, SYNRCVD, ESTAB, CLOSEWAIT}
    \* Orderly users do not turn a listening end active: a SYN-RECEIVED
    \* reached that way is refused by a RST (3.10.7.4 second), not reset
    \* to LISTEN, so an old duplicate SYN may legitimately end it.
    /\ OrderlyUsers => state[e] # LISTEN
    /\ IF state[e] = LISTEN
       THEN LET t == [tcb[e] EXCEPT !.passive = FALSE, !.queued = 1,
                                    !.sndUna = tcb[e].iss,
                                    !.sndNxt = tcb[e].iss + 1]
            IN /\ state' = [state EXCEPT ![e] = SYNSENT]
               /\ tcb' = [tcb EXCEPT ![e] = t]
               /\ SendTo(Peer(e), <<SynSeg(t)>>)
       ELSE /\ tcb' = [tcb EXCEPT ![e].queued = @ + 1]
            /\ UNCHANGED <<state, chan>>
    /\ UNCHANGED <<losses, dups>>

(* 3.10.4 CLOSE.  The FIN is formed by Transmit once all queued data has    *)
(* been segmentized ("queue this until all preceding SENDs have been        *)
(* segmentized").  In SYN-RECEIVED with data queued the RFC defers the      *)
(* CLOSE until ESTABLISHED; that is the user calling CLOSE later, so the    *)
(* model only offers CLOSE in SYN-RECEIVED when nothing is queued.          *)
Close(e) ==
    /\ \/ /\ ~OrderlyUsers
          /\ state[e] \in {LISTEN, SYNSENT}
          /\ state' = [state EXCEPT ![e] = CLOSED]
          /\ tcb' = [tcb EXCEPT ![e] = NoTcb(tcb[e].opens)]
       \/ /\ ~OrderlyUsers
          /\ state[e] = SYNRCVD
          /\ tcb[e].queued = 0
          /\ state' = [state EXCEPT ![e] = FINWAIT1]
          /\ UNCHANGED tcb
       \/ /\ state[e] = ESTAB
          /\ state' = [state EXCEPT ![e] = FINWAIT1]
          /\ UNCHANGED tcb
       \/ /\ state[e] = CLOSEWAIT
          /\ state' = [state EXCEPT ![e] = LASTACK]
          /\ UNCHANGED tcb
    /\ UNCHANGED <<chan, losses, dups>>

(* 3.10.5 ABORT: to CLOSED; a RST is sent from SYN-RECEIVED, ESTABLISHED,  *)
(* FIN-WAIT-1, FIN-WAIT-2 and CLOSE-WAIT.                                  *)
(* AMBIGUITY: Figure 5 note 3 speaks of a transition to TIME-WAIT when a   *)
(* RST is sent; 3.10.5 says CLOSED.  The model follows 3.10.5.             *)
Abort(e) ==
    /\ ~OrderlyUsers
    /\ state[e] # CLOSED
    /\ state' = [state EXCEPT ![e] = CLOSED]
    /\ tcb' = [tcb EXCEPT ![e] = NoTcb(tcb[e].opens)]
    /\ SendTo(Peer(e), IF state[e] \in {SYNRCVD, ESTAB, FINWAIT1, FINWAIT2, CLOSEWAIT}
                       THEN <<RstSeg(tcb[e].sndNxt)>> ELSE <<>>)
    /\ UNCHANGED <<losses, dups>>

User == \E e \in Ends : PassiveOpen(e) \/ ActiveOpen(e) \/ Send(e)
                        \/ Close(e) \/ Abort(e)

(***************************************************************************)
(* The system: transmission, timers, the network.                          *)
(***************************************************************************)
(* Segmentize the next octet, or the FIN once CLOSE was called and all     *)
(* octets are out, within the peer's window (SND.WND = Window).            *)
Transmit(e) ==
    LET t == tcb[e] IN
    /\ state[e] \in {ESTAB, CLOSEWAIT, FINWAIT1, CLOSING, LASTACK}
    /\ Room
    /\ t.sndNxt < t.sndUna + Window
    /\ \/ t.sndNxt < FinSeq(t)
       \/ state[e] \in CloseCalledStates /\ t.sndNxt = FinSeq(t)
    /\ SendTo(Peer(e), <<SegAt(t, t.sndNxt)>>)
    /\ tcb' = [tcb EXCEPT ![e].sndNxt = @ + 1]
    /\ UNCHANGED <<state, losses, dups>>

(* The retransmission timeout (3.8.1, 3.10.8): resend the oldest           *)
(* unacknowledged segment: SYN, SYN,ACK, a data octet or the FIN.          *)
Retransmit(e) ==
    LET t == tcb[e] IN
    /\ state[e] \in {SYNSENT, SYNRCVD, ESTAB, FINWAIT1, CLOSEWAIT, CLOSING, LASTACK}
    /\ t.sndUna < t.sndNxt
    /\ Room
    \* The SYN is still unacknowledged in SYN-SENT, SYN-RECEIVED, and in
    \* FIN-WAIT-1 entered from SYN-RECEIVED by CLOSE.
    /\ SendTo(Peer(e), <<IF t.sndUna # t.iss THEN SegAt(t, t.sndUna)
                         ELSE IF state[e] = SYNSENT THEN SynSeg(t)
                         ELSE SynAckSeg(t)>>)
    /\ UNCHANGED <<state, tcb, losses, dups>>

(* TIME-WAIT -> CLOSED on "Timeout=2MSL" (Figure 5, 3.10.8).  Abstraction: *)
(* 2 MSL has passed once nothing is in flight and the peer no longer       *)
(* waits for the ACK of its FIN (see banner).                              *)
TimeWaitTimeout(e) ==
    /\ state[e] = TIMEWAIT
    /\ chan[e] = <<>> /\ chan[Peer(e)] = <<>>
    /\ state[Peer(e)] \notin {FINWAIT1, CLOSING, LASTACK}
    /\ state' = [state EXCEPT ![e] = CLOSED]
    /\ tcb' = [tcb EXCEPT ![e] = NoTcb(tcb[e].opens)]
    /\ UNCHANGED <<chan, losses, dups>>

(* SEGMENT ARRIVES (3.10.7): the i-th segment in flight towards e.  Taking *)
(* any i, not just the oldest, is reordering.                              *)
Receive(e, i) ==
    /\ i \in 1 .. Len(chan[e])
    /\ LET r == Process(state[e], tcb[e], chan[e][i])
       IN /\ state' = [state EXCEPT ![e] = r.st]
          /\ tcb' = [tcb EXCEPT ![e] = r.t]
          /\ chan' = [chan EXCEPT ![e] = RemoveAt(@, i),
                                  ![Peer(e)] = @ \o r.out]
    /\ UNCHANGED <<losses, dups>>

(* The network loses a segment (within the loss budget). *)
Lose(e, i) ==
    /\ losses < MaxLoss
    /\ i \in 1 .. Len(chan[e])
    /\ chan' = [chan EXCEPT ![e] = RemoveAt(@, i)]
    /\ losses' = losses + 1
    /\ UNCHANGED <<state, tcb, dups>>

(* The network duplicates a segment (within the duplication budget). *)
Duplicate(e, i) ==
    /\ dups < MaxDup
    /\ i \in 1 .. Len(chan[e])
    /\ Room
    /\ chan' = [chan EXCEPT ![e] = Append(@, @[i])]
    /\ dups' = dups + 1
    /\ UNCHANGED <<state, tcb, losses>>

System == \E e \in Ends :
            \/ Transmit(e) \/ Retransmit(e) \/ TimeWaitTimeout(e)
            \/ \E i \in 1 .. MaxInFlight : Receive(e, i) \/ Lose(e, i)
                                           \/ Duplicate(e, i)

Next == User \/ System

(***************************************************************************)
(* Fairness.  Users owe nothing (no fairness on User).  The network is     *)
(* eventually reliable: the OLDEST segment towards each end is eventually  *)
(* delivered (weak fairness on Receive(e, 1)); since new segments join at  *)
(* the tail, every segment eventually becomes the oldest and is delivered, *)
(* unless it is lost, and losses are bounded by MaxLoss, so loss is not    *)
(* forever.  Timers eventually fire when they keep being able to: strong   *)
(* fairness, because room in the channel comes and goes.                   *)
(***************************************************************************)
Fairness ==
    \A e \in Ends :
        /\ WF_vars(Receive(e, 1))
        /\ SF_vars(Transmit(e))
        /\ SF_vars(Retransmit(e))
        /\ SF_vars(TimeWaitTimeout(e))

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
(***************************************************************************)
(* The transition relation of the state diagram, written once.            *)
(***************************************************************************)
(* The edges drawn in RFC 9293 Figure 5 (3.3.2). *)
FigureEdges ==
    { <<CLOSED, LISTEN>>,      \* passive OPEN / create TCB
      <<CLOSED, SYNSENT>>,     \* active OPEN / create TCB, snd SYN
      <<LISTEN, CLOSED>>,      \* CLOSE / delete TCB
      <<LISTEN, SYNRCVD>>,     \* rcv SYN / snd SYN,ACK
      <<LISTEN, SYNSENT>>,     \* SEND / snd SYN
      <<SYNSENT, CLOSED>>,     \* CLOSE / delete TCB
      <<SYNSENT, SYNRCVD>>,    \* rcv SYN / snd SYN,ACK (simultaneous open)
      <<SYNSENT, ESTAB>>,      \* rcv SYN,ACK / snd ACK
      <<SYNRCVD, LISTEN>>,     \* rcv RST (note 1: after a passive OPEN)
      <<SYNRCVD, ESTAB>>,      \* rcv ACK of SYN
      <<SYNRCVD, FINWAIT1>>,   \* CLOSE / snd FIN
      <<ESTAB, FINWAIT1>>,     \* CLOSE / snd FIN
      <<ESTAB, CLOSEWAIT>>,    \* rcv FIN / snd ACK
      <<FINWAIT1, FINWAIT2>>,  \* rcv ACK of FIN
      <<FINWAIT1, CLOSING>>,   \* rcv FIN / snd ACK (simultaneous close)
      <<FINWAIT2, TIMEWAIT>>,  \* rcv FIN / snd ACK
      <<CLOSING, TIMEWAIT>>,   \* rcv ACK of FIN
      <<CLOSEWAIT, LASTACK>>,  \* CLOSE / snd FIN
      <<LASTACK, CLOSED>>,     \* rcv ACK of FIN
      <<TIMEWAIT, CLOSED>> }   \* Timeout=2MSL / delete TCB

(* Transitions the text requires but the figure does not draw, each with *)
(* its section.  One pair per line: TcpDiagramCoverageTest reads both sets *)
(* from this file.                                                          *)
TextEdges ==
    { <<FINWAIT1, TIMEWAIT>>,  \* Figure 5 note 2, 3.10.7.4 eighth: rcv FIN that also acks our FIN
      <<SYNRCVD, CLOSEWAIT>>,  \* 3.10.7.4 fifth then eighth: one segment acks our SYN and carries a FIN
      <<SYNRCVD, CLOSED>>,     \* 3.10.7.4 second: rcv RST after an active OPEN; 3.10.5 ABORT
      <<ESTAB, CLOSED>>,       \* Figure 5 note 3, 3.10.7.4 second: rcv RST; 3.10.5 ABORT
      <<FINWAIT1, CLOSED>>,    \* 3.10.7.4 second: rcv RST; 3.10.5 ABORT
      <<FINWAIT2, CLOSED>>,    \* 3.10.7.4 second: rcv RST; 3.10.5 ABORT
      <<CLOSEWAIT, CLOSED>>,   \* 3.10.7.4 second: rcv RST; 3.10.5 ABORT
      <<CLOSING, CLOSED>> }    \* 3.10.7.4 second: rcv RST; 3.10.5 ABORT
(* The other ways to CLOSED coincide with figure edges: RST in SYN-SENT     *)
(* (3.10.7.3) with SYN-SENT -> CLOSED, RST in LAST-ACK and TIME-WAIT with  *)
(* LAST-ACK/TIME-WAIT -> CLOSED, ABORT in LISTEN with LISTEN -> CLOSED.     *)

DiagramEdges == FigureEdges \cup TextEdges

(***************************************************************************)
(* Properties.                                                             *)
(***************************************************************************)
(* Every state change is an edge of the diagram. *)
StateChangesAreDiagramEdges ==
    [][\A e \in Ends : state'[e] # state[e] => <<state[e], state'[e]>> \in DiagramEdges]_vars

(* When both ends are ESTABLISHED they agree on each other's ISN. *)
IsnAgreement ==
    \A e \in Ends : state[e] = ESTAB /\ state[Peer(e)] = ESTAB
                      => tcb[e].irs = tcb[Peer(e)].iss

(* Data is delivered in order and at most once: the k-th octet handed to   *)
(* the user is octet k of the peer's stream.                               *)
InOrderDelivery ==
    \A e \in Ends : tcb[e].rcvd = [k \in 1 .. Len(tcb[e].rcvd) |-> k]

(* No endpoint acknowledges data it has not received: RCV.NXT, the ACK    *)
(* number of every segment it sends, covers no more than the SYN, the      *)
(* octets delivered and, once received, the FIN.                           *)
AckOnlyReceived ==
    \A e \in Ends : state[e] \in HaveIrsStates =>
        tcb[e].rcvNxt <= tcb[e].irs + 1 + Len(tcb[e].rcvd)
                         + (IF state[e] \in FinReceivedStates THEN 1 ELSE 0)

(* No endpoint takes as acknowledged a sequence number it has not sent:    *)
(* ISS <= SND.UNA <= SND.NXT (3.3.1, 3.4).                                 *)
AckedOnlySent ==
    \A e \in Ends : state[e] \notin {CLOSED, LISTEN} =>
        tcb[e].iss <= tcb[e].sndUna /\ tcb[e].sndUna <= tcb[e].sndNxt

(* Liveness, meaningful with OrderlyUsers and one incarnation.             *)
(* An active open to a listening peer reaches ESTABLISHED on both ends     *)
(* ("or later": a CLOSE right after ESTABLISHED may carry an end onward    *)
(* before the other arrives; the peer's FIN then also acks its SYN).       *)
(* The premise asks that nothing be in flight to the opener: a listening   *)
(* peer has sent nothing, so such a segment predates the listen and may    *)
(* legitimately refuse the open: a RST from the peer while CLOSED          *)
(* (3.10.7.1), or an old duplicate SYN, which SYN-SENT cannot tell from a  *)
(* simultaneous open (3.10.7.3) and which the listener then resets.  Old   *)
(* duplicates towards the LISTENER (RFC 9293 3.5 Figure 8) are in scope.   *)
ActiveOpenToListener(e) ==
    /\ state[e] = SYNSENT
    /\ state[Peer(e)] = LISTEN
    /\ chan[e] = <<>>

EventuallyEstablished ==
    \A e \in Ends : ActiveOpenToListener(e)
                      ~> (\A x \in Ends : state[x] \in EstablishedOrLater)

(* Both users have called CLOSE.  The first CLOSE cannot have finished:   *)
(* its end needs the peer's FIN, sent only after the peer's CLOSE, and     *)
(* then waits in TIME-WAIT until the peer's FIN is acknowledged.           *)
BothClosing == \A e \in Ends : state[e] \in CloseCalledStates

(* After both users CLOSE, both ends reach CLOSED. *)
EventuallyClosed ==
    BothClosing ~> (\A e \in Ends : state[e] = CLOSED)

(* ... through TIME-WAIT on the side that closed first: when both have     *)
(* closed, an end still in FIN-WAIT-1/2 is the first closer (or both are,  *)
(* in a simultaneous close), and it reaches TIME-WAIT.                     *)
FirstCloserTimeWait ==
    \A e \in Ends : (BothClosing /\ state[e] \in {FINWAIT1, FINWAIT2})
                      ~> state[e] = TIMEWAIT
=============================================================================
