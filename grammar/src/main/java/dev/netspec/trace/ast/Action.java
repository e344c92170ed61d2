package dev.netspec.trace.ast;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** What happens at a point of the timeline. */
public sealed interface Action extends Node {

    /** {@code inject a.eth0 eth(...) / ipv4(...) / udp(...) / payload(len=100)} */
    record Inject(Pos pos, NicRef nic, List<Layer> layers) implements Action {
        public Inject {
            layers = List.copyOf(layers);
        }
    }

    /** {@code load a.eth0 rate 100kpps duration 10ms template eth() / ipv4(...) / udp(...)} */
    record Load(Pos pos, NicRef nic, List<Property> parameters, List<Layer> template) implements Action {
        public Load {
            parameters = List.copyOf(parameters);
            template = List.copyOf(template);
        }
    }

    /**
     * A socket call written like a system call, on a host:
     * {@code a: fd = socket(tcp)}, {@code a: connect(fd, 10.0.0.2:80) = -1 ECONNREFUSED}.
     */
    record Call(Pos pos, String host, Optional<String> binds, String function, List<Arg> args,
                Optional<CallResult> result) implements Action {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** The expected result of a call: a value and, for failures, an errno name. */
    record CallResult(Pos pos, Value value, Optional<String> errno) implements Node {}

    /** Direction of a packetdrill segment, seen from the stack under test. */
    enum Direction {
        /** {@code <}: injected into the stack. */
        INBOUND("<"),
        /** {@code >}: expected from the stack. */
        OUTBOUND(">");

        private final String symbol;

        Direction(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /**
     * A TCP segment in packetdrill's notation on a declared flow:
     * {@code c < S 0:0(0) win 65535 <mss 1460>}, {@code c > S. 0:0(0) ack 1 <mss 1460>}.
     * Sequence numbers are relative to the flow's initial sequence numbers, as in packetdrill.
     */
    record Segment(Pos pos, String flow, Direction direction, String flags, BigInteger start,
                   BigInteger end, BigInteger length, Optional<BigInteger> ack,
                   Optional<BigInteger> window, List<TcpOption> options) implements Action {
        public Segment {
            options = List.copyOf(options);
        }
    }

    /**
     * A model-level event for spec scenarios: {@code event poll(a.eth0, quota=4)}. The names
     * are the receive-path model's actions (see the checker's table).
     */
    record Event(Pos pos, String name, List<Arg> args) implements Action {
        public Event {
            args = List.copyOf(args);
        }
    }

    /** {@code run 10ms}: let virtual time advance. */
    record Run(Pos pos, Value duration) implements Action {}

    /** When an expectation must hold. */
    enum Mode { NOW, EVENTUALLY, WITHIN }

    /**
     * {@code expect [eventually | within 5ms] observable op value}. {@code within} is present
     * exactly when the mode is {@link Mode#WITHIN}.
     */
    record Expect(Pos pos, Mode mode, Optional<Value> within, Observable observable, CompareOp op,
                  Value expected) implements Action {
        public Expect {
            if ((mode == Mode.WITHIN) != within.isPresent()) {
                throw new IllegalArgumentException("within is present exactly for Mode.WITHIN");
            }
        }
    }
}
