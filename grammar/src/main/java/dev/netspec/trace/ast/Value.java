package dev.netspec.trace.ast;

import java.math.BigDecimal;
import java.util.List;

/**
 * Values: the TLA+-like data a recorded state is made of (numbers, strings, booleans,
 * model values, records, sequences, sets), so that the conformance module can map them
 * one-to-one onto TLC values, plus the network literals scenarios need. Network literals
 * keep their source text; the checker validates them (octets, prefix length, port).
 */
public sealed interface Value extends Node {

    /** A plain number: {@code 42}, {@code -1}, {@code 0.25}. Scale is kept, so {@code 1.50} prints back as written. */
    record Num(Pos pos, BigDecimal value) implements Value {}

    /** A number with a unit: {@code 10us}, {@code 1Gbps}, {@code 100kpps}, {@code 1%}. */
    record Quantity(Pos pos, BigDecimal amount, String unit) implements Value {
        public Quantity {
            if (amount.signum() < 0) {
                throw new IllegalArgumentException("quantity must not be negative: " + amount);
            }
        }
    }

    /** A string; {@code text} is unescaped. */
    record Str(Pos pos, String text) implements Value {}

    /** {@code TRUE} or {@code FALSE}, spelled as in TLA+. */
    record Bool(Pos pos, boolean value) implements Value {}

    /** {@code 10.0.0.1} */
    record Ipv4(Pos pos, String text) implements Value {}

    /** {@code 10.0.0.0/24} */
    record Prefix(Pos pos, String text) implements Value {}

    /** {@code 10.0.0.2:80} */
    record Endpoint(Pos pos, String text) implements Value {}

    /** {@code 02:00:00:00:00:01} */
    record Mac(Pos pos, String text) implements Value {}

    /** Raw bytes: {@code 0x48656c6c6f}. */
    record Bytes(Pos pos, String text) implements Value {}

    /**
     * A bare name: a constant, a socket, an enumeration value such as {@code ESTABLISHED},
     * or a TLA+ model value.
     */
    record Name(Pos pos, String name) implements Value {}

    /** A dotted or indexed name such as {@code a.eth0}; always at least one segment. */
    record Ref(Pos pos, Path path) implements Value {
        public Ref {
            if (path.segments().isEmpty()) {
                throw new IllegalArgumentException("a Ref needs at least one segment; use Name");
            }
        }
    }

    /** TLA+ record {@code [a |-> 1, b |-> "x"]}; never empty. */
    record RecordOf(Pos pos, List<Field> fields) implements Value {
        public RecordOf {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a record has at least one field");
            }
        }
    }

    /** TLA+ sequence {@code <<1, 2>>}. */
    record SequenceOf(Pos pos, List<Value> elements) implements Value {
        public SequenceOf {
            elements = List.copyOf(elements);
        }
    }

    /** TLA+ set {@code {1, 2}}; elements kept in written order (the printer does not sort). */
    record SetOf(Pos pos, List<Value> elements) implements Value {
        public SetOf {
            elements = List.copyOf(elements);
        }
    }

    /** One {@code name |-> value} of a record. */
    record Field(Pos pos, String name, Value value) implements Node {}
}
