package dev.netspec.conform.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.RecordedStep;
import dev.netspec.conform.RecordedTrace;
import dev.netspec.conform.TlcTraceValidator;
import dev.netspec.conform.Verdict;
import java.nio.file.Path;
import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;
import dev.netspec.tcp.Segment;
import dev.netspec.tcp.TcpState;
import dev.netspec.trace.ast.Pos;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The TCP abstraction function on its own: Java conversations between two TCBs on a controlled
 * channel, recorded, compared with the model's numbering by hand, and then handed to TLC, which
 * must accept the correct stack's traces and reject, at the step that shows it, the traces of a
 * stack with a fault the model can see.
 */
class TcpRecorderTest {
    /** One connection, a window of 4 octets (the Java receive buffer is set to match). */
    static final Map<String, String> CONSTANTS = TcpRecorder.constants(Map.of("MaxData", "4",
            "MaxLoss", "4", "MaxDup", "0", "ChanBound", "4", "Window", "4"));
    /** Two incarnations and an old duplicate SYN (numbered 11), a window of 16 covering it. */
    static final Map<String, String> REOPEN = TcpRecorder.constants(Map.of("MaxData", "2",
            "MaxLoss", "2", "MaxDup", "0", "ChanBound", "4", "Window", "16", "MaxOpens", "2",
            "OldDupSyn", "TRUE"));

    /** A conversation on a pair, recorded. */
    static final class Run {
        final TcpPair pair;
        final TcpRecorder rec;

        Run() {
            this(CONSTANTS);
        }

        Run(Map<String, String> constants) {
            // The Java receive buffer is the model's Window: both stacks accept the same numbers.
            pair = new TcpPair(TcpPair.modelLike().withBuffers(4096,
                    Integer.parseInt(constants.get("Window"))), 9);
            rec = new TcpRecorder(constants, () -> Pos.NONE, pair::now);
            rec.attach("A", pair.tcb("A"));
            rec.attach("B", pair.tcb("B"));
        }

        /** Delivers everything in flight, oldest first, alternating ends, until nothing is. */
        Run settle() {
            boolean any = true;
            while (any) {
                any = false;
                for (String e : TcpModel.ENDS) {
                    if (!pair.inFlight(e).isEmpty()) {
                        pair.deliver(e, 1);
                        any = true;
                    }
                }
            }
            return this;
        }

        Run send(String e, int octet) {
            pair.tcb(e).send(new byte[] {(byte) octet}, 0, 1, pair.now());
            pair.runDueTimers();
            return this;
        }

        Run open() {
            pair.tcb("B").openPassive(pair.now());
            pair.tcb("A").openActive(pair.now());
            return settle();
        }

        List<String> labels() {
            return rec.steps().stream().map(RecordedStep::label).toList();
        }

        RecordedTrace trace(String name) {
            return rec.trace(name);
        }
    }

    static RecordedTrace record(String name, Set<Fault> faults, Consumer<Run> body) {
        return record(name, CONSTANTS, faults, body);
    }

    static RecordedTrace record(String name, Map<String, String> constants, Set<Fault> faults,
            Consumer<Run> body) {
        return Faults.with(faults, () -> {
            Run r = new Run(constants);
            body.accept(r);
            return r.trace(name);
        });
    }

    // ---- the conversations

    static void orderlyClose(Run r) {
        r.open();
        r.send("A", 1).settle();
        r.pair.tcb("A").close(r.pair.now());
        r.settle();
        r.pair.tcb("B").close(r.pair.now());
        r.settle();
        r.pair.fireTimer("A"); // 2 MSL
    }

    /** A's first octet is lost, its second arrives out of order; the RTO repairs the gap. */
    static void gap(Run r) {
        r.open();
        r.send("A", 1).send("A", 2);
        r.pair.lose("B", 1);
        r.settle();
        r.pair.fireTimer("A");
        r.settle();
    }

    /**
     * A half-open connection (RFC 9293 3.5.2, Figure 10): A aborts, its RST is lost, and A opens
     * again from the same port; the new SYN arrives in B's window while B is ESTABLISHED. RFC
     * 5961 4: B answers with a challenge ACK, A's reply RST (at B's RCV.NXT) resets B.
     */
    static void halfOpen(Run r) {
        r.open();
        r.pair.tcb("A").abort(r.pair.now());
        r.pair.lose("B", 1);
        r.pair.advance(20_000); // the ISN clock moves on by 5 (4 us ticks, RFC 6528)
        r.pair.tcb("A").openActive(r.pair.now());
        r.settle();
    }

    /**
     * An old duplicate SYN (RFC 9293 3.5, Figure 9; Tcp's OldDupSyn: numbered above every
     * incarnation, OldIss = MaxOpens * Stride + 1 = 11) arrives in B's window once B is
     * ESTABLISHED: RFC 5961 4, a challenge ACK, which A answers with nothing (it is in sync).
     */
    static void oldSynInEstablished(Run r) {
        r.open();
        dev.netspec.tcp.Tcb a = r.pair.tcb("A");
        r.pair.tcb("B").segmentArrives(Segment.control(a.iss().plus(11), dev.netspec.tcp.SeqNum
                .of(0), dev.netspec.wire.TcpView.SYN, 1000), r.pair.now());
        r.settle();
    }

    /** B sends an octet that is lost, then aborts: its RST is in A's window, beyond RCV.NXT. */
    static void rstBeyondRcvNxt(Run r) {
        r.open();
        r.send("B", 1);
        r.pair.lose("A", 1);
        r.pair.tcb("B").abort(r.pair.now());
        r.pair.deliver("A", 1);
    }

    /**
     * B sends 4 octets (a full window), all lost, then aborts: its RST lies just beyond A's
     * window, so A drops it without a word (RFC 9293 3.10.7.4 first step, RFC 5961 3.2).
     */
    static void rstOutsideWindow(Run r) {
        r.open();
        for (int i = 1; i <= 4; i++) {
            r.send("B", i);
            r.pair.lose("A", 1);
        }
        r.pair.tcb("B").abort(r.pair.now());
        r.pair.deliver("A", 1);
    }

    @Test
    void handshakeIsRecordedInTheModelsNumbering() {
        Run r = new Run();
        r.open();
        assertEquals(List.of("PassiveOpen(B)", "ActiveOpen(A)", "Receive(B)", "Receive(A)",
                "Receive(B)"), r.labels());
        // IssOf("A", 1) = 0, IssOf("B", 1) = 2 (Tcp's ISN abstraction), whatever the Java ISNs.
        assertEquals(new TcpModel.AbstractTcb(false, 1, 0, 2, 1, 1, 3, 0, List.of()),
                r.rec.tcb("A"));
        assertEquals(new TcpModel.AbstractTcb(true, 1, 2, 0, 3, 3, 1, 0, List.of()),
                r.rec.tcb("B"));
        assertEquals("[A |-> \"ESTABLISHED\", B |-> \"ESTABLISHED\"]",
                r.rec.steps().get(4).fields().get("state"));
    }

    @Test
    void sendIsQueuedThenTransmittedAndDeliveredOctetsArePositions() {
        Run r = new Run();
        r.open();
        r.send("A", 1).settle();
        List<String> l = r.labels();
        assertEquals(List.of("Send(A)", "Transmit(A)", "Receive(B)", "Receive(A)"),
                l.subList(5, l.size()));
        assertEquals(List.of(1), r.rec.tcb("B").rcvd());
        assertEquals(2, r.rec.tcb("A").sndUna());
    }

    @Test
    void orderlyCloseEndsWithTimeWaitTimeout() {
        RecordedTrace t = record("close", Set.of(), TcpRecorderTest::orderlyClose);
        List<String> l = t.steps().stream().map(RecordedStep::label).toList();
        assertEquals("TimeWaitTimeout(A)", l.get(l.size() - 1));
        assertTrue(l.contains("Close(A)") && l.contains("Close(B)"), l.toString());
        assertEquals("[A |-> \"CLOSED\", B |-> \"CLOSED\"]",
                t.steps().get(t.steps().size() - 1).fields().get("state"));
    }

    @Test
    void outOfOrderOctetIsNotRecordedAsDelivered() {
        Run r = new Run();
        gap(r);
        assertEquals(List.of(1, 2), r.rec.tcb("B").rcvd(), "held, then delivered after the resend");
    }

    @Test
    void noEventIsLostWhenNothingChanges() {
        Run r = new Run();
        r.open();
        int before = r.rec.steps().size();
        // A duplicate ACK changes nothing and is not answered: not recorded (SilentReceive).
        Segment ack = Segment.control(r.pair.tcb("B").rcvNxt(), r.pair.tcb("B").sndNxt(),
                dev.netspec.wire.TcpView.ACK, 1000);
        r.pair.tcb("B").segmentArrives(ack, r.pair.now());
        r.settle();
        assertEquals(before, r.rec.steps().size());
        assertEquals(TcpState.ESTABLISHED, r.pair.tcb("B").state());
        // An old segment is answered (3.10.7.4 first step): recorded, as Tcp's Receive replies.
        Segment old = Segment.control(r.pair.tcb("B").rcvNxt().plus(-1),
                r.pair.tcb("B").sndNxt(), dev.netspec.wire.TcpView.ACK, 1000);
        r.pair.tcb("B").segmentArrives(old, r.pair.now());
        assertEquals(List.of("Receive(B)"), r.labels().subList(before, r.labels().size()));
    }

    // ---- TLC

    @Test
    void tlcAcceptsTheCorrectStacksTracesAndRejectsFaultyOnesAtTheStepThatShowsIt()
            throws Exception {
        List<RecordedTrace> traces = new ArrayList<>(List.of(
                record("close", Set.of(), TcpRecorderTest::orderlyClose),
                record("gap", Set.of(), TcpRecorderTest::gap),
                record("half-open", REOPEN, Set.of(), TcpRecorderTest::halfOpen),
                record("old SYN", REOPEN, Set.of(), TcpRecorderTest::oldSynInEstablished),
                record("RST beyond RCV.NXT", Set.of(), TcpRecorderTest::rstBeyondRcvNxt),
                record("RST outside the window", Set.of(), TcpRecorderTest::rstOutsideWindow),
                record("close, TIME-WAIT skipped", EnumSet.of(Fault.TIME_WAIT_SKIPPED),
                        TcpRecorderTest::orderlyClose),
                record("gap, delivered", EnumSet.of(Fault.OUT_OF_ORDER_DELIVERED),
                        TcpRecorderTest::gap),
                record("old SYN resets", REOPEN, EnumSet.of(Fault.SYN_IN_ESTABLISHED_RESETS),
                        TcpRecorderTest::oldSynInEstablished),
                record("RST believed", EnumSet.of(Fault.RST_OUTSIDE_WINDOW_ACCEPTED),
                        TcpRecorderTest::rstOutsideWindow)));
        List<Verdict> v = new TlcTraceValidator(
                Path.of(System.getProperty("netspec.root", ".."), "spec")).validate(traces);
        for (int i = 0; i < 6; i++) {
            Verdict x = v.get(i);
            assertTrue(x.conforms(), () -> x.trace().name() + ": " + x.detail());
        }
        String[] shows = {"A |-> \"CLOSED\"", "rcvd |-> <<2>>", "B |-> \"CLOSED\"",
            "A |-> \"CLOSED\""};
        for (int i = 6; i < 10; i++) {
            Verdict x = v.get(i);
            assertEquals(Verdict.Status.DIVERGES, x.status(), x.trace().name() + ": " + x.detail());
            RecordedStep step = x.mismatch().orElseThrow().step();
            assertEquals(x.stepsValidated() + 1, step.index());
            assertTrue(step.label().startsWith("Receive("), step.label());
            String recorded = step.fields().get("state") + step.fields().get("tcb");
            assertTrue(recorded.contains(shows[i - 6]), x.trace().name() + " failed at step "
                    + step.index() + " " + step.label() + " " + recorded);
            System.out.println(x.trace().name() + ": step " + step.index() + " " + step.label()
                    + " is not a Tcp step");
        }
    }
}
