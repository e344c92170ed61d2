package dev.netspec.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.trace.ast.Action;
import dev.netspec.trace.ast.HostMember;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Observable;
import dev.netspec.trace.ast.Path;
import dev.netspec.trace.ast.Trace;
import dev.netspec.trace.ast.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parser front end: what each construct becomes, where nodes say they are, and how errors read. */
class ParserTest {

    private static Trace parse(String text) {
        ParseResult r = TraceParser.parseSyntax(text, "t.trace");
        assertTrue(r.diagnostics().isEmpty(), r::render);
        return r.trace().orElseThrow();
    }

    private static Item only(String text) {
        List<Item> items = parse(text).items();
        assertEquals(1, items.size(), items::toString);
        return items.get(0);
    }

    private static Action action(String text) {
        return ((Item.Timed) only(text)).action();
    }

    // ------------------------------------------------------------------ constructs

    @Test
    void packetdrillSegmentLinesBecomeSegments() {
        var seg = (Action.Segment) action("+0 c > S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7>");
        assertEquals(Action.Direction.OUTBOUND, seg.direction());
        assertEquals("S.", seg.flags());
        assertEquals(Optional.of(BigInteger.ONE), seg.ack());
        assertEquals(Optional.of(BigInteger.valueOf(65535)), seg.window());
        assertEquals(List.of("mss", "sackOK", "TS", "nop", "wscale"), seg.options().stream().map(o -> o.kind()).toList());
        assertEquals(List.of("val", "100", "ecr", "0"), seg.options().get(2).words());
        var ackOnly = (Action.Segment) action("c < . 1:1(0) ack 1");
        assertEquals(".", ackOnly.flags());
        assertEquals(Action.Direction.INBOUND, ackOnly.direction());
    }

    @Test
    void socketCallsKeepBindingArgumentsAndExpectedResult() {
        var call = (Action.Call) action("+0 a: connect(fd, 10.0.0.2:80) = -1 ECONNREFUSED");
        assertEquals("a", call.host());
        assertEquals("connect", call.function());
        assertEquals(new Value.Endpoint(dev.netspec.trace.ast.Pos.NONE, "10.0.0.2:80"), call.args().get(1).value());
        assertEquals(new Value.Num(dev.netspec.trace.ast.Pos.NONE, BigDecimal.valueOf(-1)), call.result().orElseThrow().value());
        assertEquals(Optional.of("ECONNREFUSED"), call.result().orElseThrow().errno());
        var socket = (Action.Call) action("@0 a: fd = socket(tcp)");
        assertEquals(Optional.of("fd"), socket.binds());
        assertTrue(socket.result().isEmpty());
    }

    @Test
    void timesAreAbsoluteOrRelativeWithTheirUnit() {
        var t = ((Item.Timed) only("@1.5ms run 10us")).time().orElseThrow();
        assertFalse(t.relative());
        assertEquals(new BigDecimal("1.5"), t.amount());
        assertEquals("ms", t.unit());
        var r = ((Item.Timed) only("+0 run 1s")).time().orElseThrow();
        assertTrue(r.relative());
        assertEquals("", r.unit());
    }

    @Test
    void expectationsHaveModesObservablesAndOperators() {
        var e = (Action.Expect) action("expect within 5ms a.tcp[fd].state == ESTABLISHED");
        assertEquals(Action.Mode.WITHIN, e.mode());
        Path p = ((Observable.Current) e.observable()).path();
        assertEquals("a", p.head());
        assertInstanceOf(Path.Segment.Index.class, p.segments().get(1));
        var rate = (Action.Expect) action("expect rate(b.eth0.rx_packets) over 1ms..5ms >= 90kpps");
        assertInstanceOf(Observable.Rate.class, rate.observable());
        assertEquals(dev.netspec.trace.ast.CompareOp.GE, rate.op());
        assertEquals(Action.Mode.EVENTUALLY, ((Action.Expect) action("expect eventually x != 0")).mode());
    }

    @Test
    void recordedStepsCarryTlaValues() {
        var step = (Item.Step) only("step 7 @20us Poll(a.eth0, 4) [ring |-> <<1, 2>>, set |-> {}, on |-> TRUE, s |-> \"x\", m |-> M1]");
        assertEquals(BigInteger.valueOf(7), step.index());
        assertEquals("Poll", step.label());
        assertEquals(2, step.args().size());
        var state = (Value.RecordOf) step.state();
        assertEquals(List.of("ring", "set", "on", "s", "m"), state.fields().stream().map(Value.Field::name).toList());
        assertInstanceOf(Value.SequenceOf.class, state.fields().get(0).value());
        assertInstanceOf(Value.SetOf.class, state.fields().get(1).value());
        assertEquals(new Value.Bool(dev.netspec.trace.ast.Pos.NONE, true), state.fields().get(2).value());
        assertEquals(new Value.Name(dev.netspec.trace.ast.Pos.NONE, "M1"), state.fields().get(4).value());
    }

    @Test
    void lexerTellsAddressesEndpointsPrefixesMacsAndQuantitiesApart() {
        var c = (Value.SequenceOf) ((Item.Const) only(
                "const X = <<10.0.0.1, 10.0.0.1:80, 10.0.0.0/8, de:ad:be:ef:00:01, 1.5ms, 0x0a0b, 1%, 2.25>>")).value();
        assertEquals(List.of(Value.Ipv4.class, Value.Endpoint.class, Value.Prefix.class, Value.Mac.class,
                Value.Quantity.class, Value.Bytes.class, Value.Quantity.class, Value.Num.class),
                c.elements().stream().map(Object::getClass).toList());
    }

    @Test
    void everyNodeKnowsItsFileLineAndColumn() {
        Trace t = parse("scenario \"x\"\nhost a {\n  nic eth0 { mtu 1500 }\n}\n  +1ms a: fd = socket(tcp)\n");
        Item.Host host = (Item.Host) t.items().get(1);
        assertEquals(2, host.pos().line());
        assertEquals(1, host.pos().column());
        HostMember.Nic nic = (HostMember.Nic) host.members().get(0);
        assertEquals(3, nic.pos().line());
        assertEquals(3, nic.pos().column());
        assertEquals(14, nic.properties().get(0).pos().column());
        Item.Timed timed = (Item.Timed) t.items().get(2);
        assertEquals("t.trace", timed.pos().file());
        assertEquals(5, timed.pos().line());
        assertEquals(3, timed.pos().column());
        assertEquals(8, timed.action().pos().column());
    }

    @Test
    void commentsAndBlankLinesAreKeptInPlace() {
        Trace t = parse("// head\n\nseed 1 // why\n  // before run\nrun 1ms\n");
        assertEquals(List.of(Item.Comment.class, Item.BlankLine.class, Item.Seed.class, Item.Comment.class,
                Item.Comment.class, Item.Timed.class), t.items().stream().map(Object::getClass).toList());
        assertTrue(((Item.Comment) t.items().get(3)).trailing());
        assertFalse(((Item.Comment) t.items().get(4)).trailing());
        assertEquals("// head\n\nseed 1 // why\n// before run\nrun 1ms\n", TracePrinter.print(t));
    }

    @Test
    void aCommentInsideAStatementMovesBeforeIt() {
        String text = "link a.eth0 <-> b.eth0 {\n  delay 10us // one way\n  loss 0\n}\n";
        assertEquals("// one way\nlink a.eth0 <-> b.eth0 { delay 10us loss 0 }\n", TracePrinter.print(parse(text)));
    }

    @Test
    void stringsUnescape() {
        assertEquals(new Item.Scenario(dev.netspec.trace.ast.Pos.NONE, "a \"b\" \\ c\n\t"), only("scenario \"a \\\"b\\\" \\\\ c\\n\\t\""));
    }

    // ------------------------------------------------------------------ errors

    @Test
    void aSyntaxErrorIsRenderedWithLineAndCaret() {
        ParseResult r = TraceParser.parseSyntax("seed 1\nexpect a.b = 3\n", "f.trace");
        assertTrue(r.trace().isEmpty());
        assertEquals("""
                f.trace:2:12: expected a comparison (==, !=, <, <=, >, >=), found '='
                expect a.b = 3
                           ^""", r.diagnostics().get(0).render());
    }

    @Test
    void everySyntaxErrorOfAFileIsReportedAtOnce() {
        ParseResult r = TraceParser.parseSyntax("seed x\nrun\n@1ms a: f(\n@2ms run 1ms\n", "f.trace");
        assertEquals(List.of(1, 2, 3), r.diagnostics().stream().map(Diagnostic::line).toList(), r::render);
    }

    @Test
    void absurdNestingIsRefusedWithADiagnosticNotAStackOverflow() {
        String deep = "const X = " + "<<".repeat(100_000) + ">>".repeat(100_000);
        ParseResult r = TraceParser.parseSyntax(deep, "deep.trace");
        assertEquals(1, r.diagnostics().size());
        assertTrue(r.diagnostics().get(0).message().contains("nested deeper"));
    }

    @Test
    void nothingIsPrintedToTheConsoleWhateverTheInput() {
        java.io.PrintStream err = System.err;
        java.io.PrintStream out = System.out;
        var captured = new java.io.ByteArrayOutputStream();
        var capture = new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8);
        try {
            System.setErr(capture);
            System.setOut(capture);
            for (String bad : List.of("$$$", "host {", "\"unterminated", "step 1 @1 L [a |-> ", "<<<<", "🙂 x", "c < S 1:2(")) {
                ParseResult r = TraceParser.parse(bad, "bad.trace");
                assertFalse(r.ok());
            }
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void textOutsideTheBasicPlaneIsLexedByTheGrammarsOwnLexer() {
        // Emoji are surrogate pairs in Java strings; the fast lexer steps aside for them.
        List<Item> items = parse("scenario \"🙂 ok\" // 🙂\n").items();
        assertEquals("🙂 ok", ((Item.Scenario) items.get(0)).name());
        assertEquals(" 🙂", ((Item.Comment) items.get(1)).text());
        ParseResult bad = TraceParser.parseSyntax("seed 1\nscenario \"🙂\" 🙂\n", "e.trace");
        assertEquals("e.trace:2:14: unexpected character '🙂'", bad.diagnostics().get(0).headline());
    }

    @Test
    void aMissingFileIsADiagnostic() {
        ParseResult r = TraceParser.parse(java.nio.file.Path.of("no", "such.trace"));
        assertEquals("no/such.trace:1:1: cannot read file: no such file", r.diagnostics().get(0).render());
    }

    @Test
    void anEmptyFileIsAnEmptyTrace() {
        assertEquals(List.of(), parse("").items());
        assertEquals("", TracePrinter.print(parse("\n\n")));
    }
}
