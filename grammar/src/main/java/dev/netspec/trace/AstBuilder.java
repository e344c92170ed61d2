package dev.netspec.trace;

import dev.netspec.trace.antlr.TraceBaseVisitor;
import dev.netspec.trace.antlr.TraceLexer;
import dev.netspec.trace.antlr.TraceParser.*;
import dev.netspec.trace.ast.Action;
import dev.netspec.trace.ast.Arg;
import dev.netspec.trace.ast.Binding;
import dev.netspec.trace.ast.CompareOp;
import dev.netspec.trace.ast.HostMember;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Layer;
import dev.netspec.trace.ast.NicRef;
import dev.netspec.trace.ast.Observable;
import dev.netspec.trace.ast.Path;
import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Property;
import dev.netspec.trace.ast.TcpOption;
import dev.netspec.trace.ast.Time;
import dev.netspec.trace.ast.Trace;
import dev.netspec.trace.ast.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a parse tree without syntax errors into the immutable AST. One typed visitor per
 * node family (items, actions, values) so each {@code visit} returns what it builds.
 *
 * <p>Items arrive one at a time as the parser streams through the file, so a long
 * recording never has its whole parse tree in memory. Comments never reach the parser:
 * the token source sets them aside, and they are handed out here in source order as
 * {@link Item.Comment} items (top level) or host members: a comment before a statement
 * stays before it, a comment on the same line after it stays trailing, and a comment in
 * the middle of a statement moves to just before that statement, so formatting never
 * drops one.
 */
final class AstBuilder {
    private final String file;
    private final SourceText source;
    private final List<Token> comments;
    private final List<Diagnostic> diagnostics;
    private int nextComment;
    private final List<Item> out = new ArrayList<>();
    private int lastLine = -1; // last source line holding something already emitted; -1 before the first
    /** Names repeat on every line of a recording (fields, labels, units); one copy of each is enough. */
    private final Names names = new Names();

    /** Where recorded steps go when they are streamed rather than kept in the trace; null keeps them. */
    private java.util.function.Consumer<Item.Step> stepSink;

    private final ItemVisitor items = new ItemVisitor();
    private final ActionVisitor actions = new ActionVisitor();
    private final ValueVisitor values = new ValueVisitor();

    AstBuilder(SourceText source, List<Token> comments, List<Diagnostic> diagnostics) {
        this.file = source.name();
        this.source = source;
        this.comments = comments;
        this.diagnostics = diagnostics;
    }

    /**
     * Adds one top-level item. {@code nextStart} is the character offset of the token after
     * it (the next item's first token, or end of file), so a trailing comment on the
     * item's line is told apart from one that belongs to a later statement.
     */
    void add(ItemContext item, int nextStart) {
        add(item.start, item.stop, item instanceof HostItemContext, () -> items.visit(item), nextStart);
    }

    /** Adds an item built elsewhere (the fast path for recorded steps) from its first and last token. */
    void add(Token start, Token stop, boolean hostsItsComments, java.util.function.Supplier<Item> item, int nextStart) {
        lastLine = leadingTopLevelComments(start.getStartIndex(), lastLine, out);
        if (lastLine >= 0 && start.getLine() > lastLine + 1) {
            out.add(new Item.BlankLine(pos(start)));
        }
        if (hostsItsComments) {
            out.add(item.get()); // the host hands out its own inner comments
        } else {
            movedComments(stop.getStartIndex(), out::add);
            Item built = item.get();
            if (stepSink != null && built instanceof Item.Step step) {
                stepSink.accept(step);
            } else {
                out.add(built);
            }
        }
        lastLine = stop.getLine();
        trailingComment(stop, nextStart, out::add);
    }

    /** From now on, recorded steps go to {@code sink} in source order instead of into the trace. */
    void streamStepsTo(java.util.function.Consumer<Item.Step> sink) {
        this.stepSink = sink;
    }

    /** The trace, after the last item; {@code end} is the end-of-file token. */
    Trace finish(Token end) {
        leadingTopLevelComments(Integer.MAX_VALUE, lastLine, out);
        return new Trace(new Pos(file, 1, 1), out);
    }

    /** Builds a whole parse tree at once (the path taken when the fast streaming parse bailed out). */
    Trace build(TraceContext ctx) {
        List<ItemContext> list = ctx.item();
        for (int i = 0; i < list.size(); i++) {
            Token next = i + 1 < list.size() ? list.get(i + 1).start : ctx.EOF().getSymbol();
            add(list.get(i), next.getStartIndex());
        }
        return finish(ctx.EOF().getSymbol());
    }

    /** Comments before a top-level item, each preceded by a blank line if the source had one. */
    private int leadingTopLevelComments(int beforeOffset, int lastLine, List<Item> out) {
        while (nextComment < comments.size() && comments.get(nextComment).getStartIndex() < beforeOffset) {
            Token c = comments.get(nextComment++);
            if (lastLine >= 0 && c.getLine() > lastLine + 1) {
                out.add(new Item.BlankLine(pos(c)));
            }
            out.add(comment(c, false));
            lastLine = c.getLine();
        }
        return lastLine;
    }

    private void leadingComments(int beforeOffset, java.util.function.Consumer<Item.Comment> sink) {
        while (nextComment < comments.size() && comments.get(nextComment).getStartIndex() < beforeOffset) {
            sink.accept(comment(comments.get(nextComment++), false));
        }
    }

    private void movedComments(int upToToken, java.util.function.Consumer<Item.Comment> sink) {
        leadingComments(upToToken, sink);
    }

    private void trailingComment(Token stop, int nextStart, java.util.function.Consumer<Item.Comment> sink) {
        if (nextComment < comments.size()) {
            Token c = comments.get(nextComment);
            if (c.getLine() == stop.getLine() && c.getStartIndex() > stop.getStopIndex() && c.getStartIndex() < nextStart) {
                sink.accept(comment(c, true));
                nextComment++;
            }
        }
    }

    private Item.Comment comment(Token token, boolean trailing) {
        String text = token.getText().substring(2).stripTrailing();
        return new Item.Comment(pos(token), text, trailing);
    }

    // ------------------------------------------------------------------ helpers

    String intern(String name) {
        return names.intern(name);
    }

    /** The shared copy of {@code text[start, end)}: no new string for a name already seen. */
    String intern(String text, int start, int end) {
        return names.intern(text, start, end);
    }

    /** Whole numbers that fit a long skip BigDecimal's string parser: recordings are full of them. */
    static BigDecimal decimal(String text) {
        if (text.length() <= 18 && text.indexOf('.') < 0) {
            return BigDecimal.valueOf(Long.parseLong(text));
        }
        return new BigDecimal(text);
    }

    Pos pos(Token token) {
        return new Pos(file, token.getLine(), token.getCharPositionInLine() + 1);
    }

    private Pos pos(ParserRuleContext ctx) {
        return pos(ctx.start);
    }

    BigInteger integer(Token token, String what) {
        String text = token.getText();
        if (text.indexOf('.') >= 0) {
            Pos p = pos(token);
            diagnostics.add(source.diagnostic(p.line(), p.column(), what + " must be a whole number, not " + text));
            return new BigDecimal(text).toBigInteger();
        }
        return new BigInteger(text);
    }

    private NicRef nicRef(NicRefContext ctx) {
        return new NicRef(pos(ctx), ctx.IDENT(0).getText(), ctx.IDENT(1).getText());
    }

    private List<Property> properties(PropertyBlockContext block) {
        if (block == null) {
            return List.of();
        }
        return properties(block.property());
    }

    private List<Property> properties(List<PropertyContext> list) {
        List<Property> out = new ArrayList<>(list.size());
        for (PropertyContext p : list) {
            out.add(new Property(pos(p), p.key().getText(), values.visit(p.value())));
        }
        return out;
    }

    private List<Arg> args(ArgListContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        List<Arg> out = new ArrayList<>(ctx.arg().size());
        for (ArgContext a : ctx.arg()) {
            if (a instanceof NamedArgContext named) {
                out.add(Arg.named(pos(a), named.key().getText(), values.visit(named.value())));
            } else {
                out.add(Arg.positional(pos(a), values.visit(((PositionalArgContext) a).value())));
            }
        }
        return out;
    }

    private List<Layer> layers(LayersContext ctx) {
        List<Layer> out = new ArrayList<>(ctx.layer().size());
        for (LayerContext l : ctx.layer()) {
            out.add(new Layer(pos(l), l.IDENT().getText(), args(l.argList())));
        }
        return out;
    }

    private Time time(TimeContext ctx) {
        boolean relative = ctx instanceof RelativeTimeContext;
        Token amount = ((ParserRuleContext) ctx).getStop();
        String text = amount.getText();
        if (amount.getType() == TraceLexer.QUANTITY) {
            int unitStart = unitStart(text);
            return new Time(pos(ctx), relative, decimal(text.substring(0, unitStart)), intern(text.substring(unitStart)));
        }
        return new Time(pos(ctx), relative, decimal(text), "");
    }

    /** Index where a quantity's unit begins: after the digits and the optional fraction. */
    static int unitStart(String quantity) {
        int i = 0;
        while (i < quantity.length() && (Character.isDigit(quantity.charAt(i)) || quantity.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private Path path(PathContext ctx) {
        List<Path.Segment> segments = new ArrayList<>(ctx.pathSuffix().size());
        for (PathSuffixContext s : ctx.pathSuffix()) {
            if (s instanceof FieldSuffixContext f) {
                segments.add(new Path.Segment.Field(pos(s), intern(f.word().getText())));
            } else {
                segments.add(new Path.Segment.Index(pos(s), values.visit(((IndexSuffixContext) s).value())));
            }
        }
        return new Path(pos(ctx), intern(ctx.IDENT().getText()), segments);
    }

    private static String unquote(TerminalNode node) {
        return unquote(node.getText());
    }

    static String unquote(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char e = text.charAt(++i);
                out.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e; // \" and \\ ; the lexer admits no other escape
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ items

    private final class ItemVisitor extends TraceBaseVisitor<Item> {
        @Override
        public Item visitScenarioItem(ScenarioItemContext ctx) {
            return new Item.Scenario(pos(ctx), unquote(ctx.STRING()));
        }

        @Override
        public Item visitDescriptionItem(DescriptionItemContext ctx) {
            return new Item.Description(pos(ctx), unquote(ctx.STRING()));
        }

        @Override
        public Item visitSeedItem(SeedItemContext ctx) {
            return new Item.Seed(pos(ctx), integer(ctx.NUMBER().getSymbol(), "a seed"));
        }

        @Override
        public Item visitSpecItem(SpecItemContext ctx) {
            List<Binding> bindings = new ArrayList<>();
            for (BindingContext b : ctx.binding()) {
                bindings.add(new Binding(pos(b), b.IDENT().getText(), values.visit(b.value())));
            }
            return new Item.SpecRef(pos(ctx), ctx.IDENT().getText(), bindings);
        }

        @Override
        public Item visitIncludeItem(IncludeItemContext ctx) {
            return new Item.Include(pos(ctx), unquote(ctx.STRING()));
        }

        @Override
        public Item visitConstItem(ConstItemContext ctx) {
            return new Item.Const(pos(ctx), ctx.IDENT().getText(), values.visit(ctx.value()));
        }

        @Override
        public Item visitHostItem(HostItemContext ctx) {
            List<HostMember> members = new ArrayList<>();
            List<HostMemberContext> list = ctx.hostMember();
            int end = ctx.RBRACE().getSymbol().getStartIndex();
            for (int i = 0; i < list.size(); i++) {
                HostMemberContext m = list.get(i);
                int nextStart = i + 1 < list.size() ? list.get(i + 1).start.getStartIndex() : end;
                leadingComments(m.start.getStartIndex(), members::add);
                movedComments(m.stop.getStartIndex(), members::add);
                members.add(member(m));
                trailingComment(m.stop, nextStart, members::add);
            }
            leadingComments(end, members::add);
            return new Item.Host(pos(ctx), ctx.IDENT().getText(), members);
        }

        private HostMember member(HostMemberContext ctx) {
            if (ctx instanceof NicMemberContext nic) {
                return new HostMember.Nic(pos(ctx), nic.IDENT().getText(), properties(nic.propertyBlock()));
            }
            if (ctx instanceof RouteMemberContext route) {
                return new HostMember.Route(pos(ctx), values.visit(route.dest),
                        Optional.ofNullable(route.via).map(values::visit), route.device.getText());
            }
            return cost(((CostMemberContext) ctx).costDecl());
        }

        @Override
        public Item visitLinkItem(LinkItemContext ctx) {
            return new Item.Link(pos(ctx), nicRef(ctx.left), nicRef(ctx.right), properties(ctx.propertyBlock()));
        }

        @Override
        public Item visitFlowItem(FlowItemContext ctx) {
            return new Item.Flow(pos(ctx), ctx.IDENT().getText(), nicRef(ctx.nicRef()),
                    values.visit(ctx.remote), values.visit(ctx.local));
        }

        @Override
        public Item visitCostItem(CostItemContext ctx) {
            return cost(ctx.costDecl());
        }

        private Item.Cost cost(CostDeclContext ctx) {
            return new Item.Cost(pos(ctx), ctx.IDENT().getText(), values.visit(ctx.value()));
        }

        @Override
        public Item visitTimedItem(TimedItemContext ctx) {
            Optional<Time> t = ctx.time() == null ? Optional.empty() : Optional.of(time(ctx.time()));
            return new Item.Timed(pos(ctx), t, actions.visit(ctx.action()));
        }

        @Override
        public Item visitStepItem(StepItemContext ctx) {
            return new Item.Step(pos(ctx), integer(ctx.index, "a step number"), time(ctx.time()),
                    intern(ctx.label.getText()), args(ctx.argList()), values.visit(ctx.state));
        }
    }

    // ------------------------------------------------------------------ actions

    private final class ActionVisitor extends TraceBaseVisitor<Action> {
        @Override
        public Action visitInjectAction(InjectActionContext ctx) {
            return new Action.Inject(pos(ctx), nicRef(ctx.nicRef()), layers(ctx.layers()));
        }

        @Override
        public Action visitLoadAction(LoadActionContext ctx) {
            return new Action.Load(pos(ctx), nicRef(ctx.nicRef()), properties(ctx.property()), layers(ctx.layers()));
        }

        @Override
        public Action visitCallAction(CallActionContext ctx) {
            Optional<Action.CallResult> result = Optional.empty();
            CallResultContext r = ctx.callResult();
            if (r != null) {
                result = Optional.of(new Action.CallResult(pos(r), values.visit(r.value()),
                        Optional.ofNullable(r.errno).map(Token::getText)));
            }
            return new Action.Call(pos(ctx), ctx.host.getText(), Optional.ofNullable(ctx.binds).map(Token::getText),
                    ctx.function.getText(), args(ctx.argList()), result);
        }

        @Override
        public Action visitSegmentAction(SegmentActionContext ctx) {
            Action.Direction direction = ctx.direction() instanceof InboundDirectionContext
                    ? Action.Direction.INBOUND : Action.Direction.OUTBOUND;
            SeqRangeContext range = ctx.seqRange();
            List<TcpOption> options = new ArrayList<>();
            if (ctx.tcpOptions() != null) {
                for (TcpOptionContext o : ctx.tcpOptions().tcpOption()) {
                    List<String> words = new ArrayList<>();
                    for (TcpOptionValueContext v : o.tcpOptionValue()) {
                        words.add(v.getText());
                    }
                    options.add(new TcpOption(pos(o), o.IDENT().getText(), words));
                }
            }
            return new Action.Segment(pos(ctx), ctx.flow.getText(), direction, ctx.tcpFlags().getText(),
                    integer(range.first, "a sequence number"), integer(range.last, "a sequence number"),
                    integer(range.length, "a segment length"),
                    Optional.ofNullable(ctx.ack).map(t -> integer(t, "an acknowledgment number")),
                    Optional.ofNullable(ctx.window).map(t -> integer(t, "a window")), options);
        }

        @Override
        public Action visitEventAction(EventActionContext ctx) {
            return new Action.Event(pos(ctx), ctx.IDENT().getText(), args(ctx.argList()));
        }

        @Override
        public Action visitRunAction(RunActionContext ctx) {
            return new Action.Run(pos(ctx), values.visit(ctx.value()));
        }

        @Override
        public Action visitExpectAction(ExpectActionContext ctx) {
            Action.Mode mode = Action.Mode.NOW;
            Optional<Value> within = Optional.empty();
            if (ctx.expectMode() instanceof EventuallyModeContext) {
                mode = Action.Mode.EVENTUALLY;
            } else if (ctx.expectMode() instanceof WithinModeContext w) {
                mode = Action.Mode.WITHIN;
                within = Optional.of(values.visit(w.value()));
            }
            Observable observable;
            if (ctx.observable() instanceof RateObservableContext rate) {
                observable = new Observable.Rate(pos(rate), path(rate.path()), values.visit(rate.from), values.visit(rate.to));
            } else {
                observable = new Observable.Current(pos(ctx.observable()), path(((PathObservableContext) ctx.observable()).path()));
            }
            return new Action.Expect(pos(ctx), mode, within, observable, compareOp(ctx.compareOp()), values.visit(ctx.value()));
        }

        private CompareOp compareOp(CompareOpContext ctx) {
            return switch (ctx.getStart().getType()) {
                case TraceLexer.EQEQ -> CompareOp.EQ;
                case TraceLexer.NEQ -> CompareOp.NE;
                case TraceLexer.LT -> CompareOp.LT;
                case TraceLexer.LE -> CompareOp.LE;
                case TraceLexer.GT -> CompareOp.GT;
                default -> CompareOp.GE;
            };
        }
    }

    // ------------------------------------------------------------------ values

    private final class ValueVisitor extends TraceBaseVisitor<Value> {
        @Override
        public Value visitNumberValue(NumberValueContext ctx) {
            BigDecimal n = decimal(ctx.NUMBER().getText());
            return new Value.Num(pos(ctx), ctx.MINUS() == null ? n : n.negate());
        }

        @Override
        public Value visitQuantityValue(QuantityValueContext ctx) {
            String text = ctx.getText();
            int unitStart = unitStart(text);
            return new Value.Quantity(pos(ctx), decimal(text.substring(0, unitStart)), intern(text.substring(unitStart)));
        }

        @Override
        public Value visitStringValue(StringValueContext ctx) {
            return new Value.Str(pos(ctx), unquote(ctx.STRING()));
        }

        @Override
        public Value visitBooleanValue(BooleanValueContext ctx) {
            return new Value.Bool(pos(ctx), ctx.TRUE() != null);
        }

        @Override
        public Value visitIpv4Value(Ipv4ValueContext ctx) {
            return new Value.Ipv4(pos(ctx), ctx.getText());
        }

        @Override
        public Value visitPrefixValue(PrefixValueContext ctx) {
            return new Value.Prefix(pos(ctx), ctx.getText());
        }

        @Override
        public Value visitEndpointValue(EndpointValueContext ctx) {
            return new Value.Endpoint(pos(ctx), ctx.getText());
        }

        @Override
        public Value visitMacValue(MacValueContext ctx) {
            return new Value.Mac(pos(ctx), ctx.getText());
        }

        @Override
        public Value visitBytesValue(BytesValueContext ctx) {
            return new Value.Bytes(pos(ctx), ctx.getText());
        }

        @Override
        public Value visitPathValue(PathValueContext ctx) {
            Path path = path(ctx.path());
            return path.segments().isEmpty() ? new Value.Name(pos(ctx), path.head()) : new Value.Ref(pos(ctx), path);
        }

        @Override
        public Value visitRecordValue(RecordValueContext ctx) {
            List<Value.Field> fields = new ArrayList<>(ctx.field().size());
            for (FieldContext f : ctx.field()) {
                fields.add(new Value.Field(pos(f), intern(f.word().getText()), visit(f.value())));
            }
            return new Value.RecordOf(pos(ctx), fields);
        }

        @Override
        public Value visitSequenceValue(SequenceValueContext ctx) {
            return new Value.SequenceOf(pos(ctx), list(ctx.value()));
        }

        @Override
        public Value visitSetValue(SetValueContext ctx) {
            return new Value.SetOf(pos(ctx), list(ctx.value()));
        }

        private List<Value> list(List<ValueContext> ctxs) {
            List<Value> out = new ArrayList<>(ctxs.size());
            for (ValueContext v : ctxs) {
                out.add(visit(v));
            }
            return out;
        }
    }
}
