package dev.netspec.scenario;

import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Value;
import dev.netspec.trace.check.Units;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The scenario's constants and the conversions from written values to what the stack takes:
 * nanoseconds, bits or packets per second, probabilities, addresses. The checker has already
 * verified units and ranges; a mismatch here is still reported, never thrown raw.
 */
final class Values {
    private final Map<String, Value> constants = new HashMap<>();

    void define(String name, Value v) {
        constants.put(name, v);
    }

    /** {@code v} with a constant name replaced by the constant's value (constants may chain). */
    Value resolve(Value v) {
        for (int i = 0; i < 64 && v instanceof Value.Name n && constants.containsKey(n.name()); i++) {
            v = constants.get(n.name());
        }
        return v;
    }

    boolean isConstant(String name) {
        return constants.containsKey(name);
    }

    long durationNs(Value v) {
        v = resolve(v);
        if (v instanceof Value.Num n && n.value().signum() == 0) {
            return 0;
        }
        if (v instanceof Value.Quantity q && Units.DURATION.has(q.unit())) {
            return Units.DURATION.toBase(q.amount(), q.unit()).setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
        throw ScenarioException.input(v.pos(), "expected a duration (e.g. 10us), found " + describe(v));
    }

    long bitsPerSecond(Value v) {
        v = resolve(v);
        if (v instanceof Value.Quantity q && Units.BANDWIDTH.has(q.unit())) {
            return Units.BANDWIDTH.toBase(q.amount(), q.unit()).setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
        throw ScenarioException.input(v.pos(), "expected a bandwidth (e.g. 1Gbps), found " + describe(v));
    }

    double probability(Value v) {
        v = resolve(v);
        if (v instanceof Value.Num n) {
            return n.value().doubleValue();
        }
        if (v instanceof Value.Quantity q && q.unit().equals("%")) {
            return q.amount().doubleValue() / 100.0;
        }
        throw ScenarioException.input(v.pos(), "expected a probability (0.01 or 1%), found " + describe(v));
    }

    long integer(Value v, long min, long max, String what) {
        v = resolve(v);
        if (v instanceof Value.Num n) {
            try {
                long x = n.value().longValueExact();
                if (x >= min && x <= max) {
                    return x;
                }
            } catch (ArithmeticException notIntegral) {
                // falls through to the message
            }
        }
        throw ScenarioException.input(v.pos(), what + " must be an integer from " + min + " to " + max + ", found " + describe(v));
    }

    Ipv4Addr ipv4(Value v) {
        v = resolve(v);
        if (v instanceof Value.Ipv4 a) {
            return Ipv4Addr.parse(a.text());
        }
        throw ScenarioException.input(v.pos(), "expected an IPv4 address, found " + describe(v));
    }

    MacAddr mac(Value v) {
        v = resolve(v);
        if (v instanceof Value.Mac m) {
            return MacAddr.parse(m.text());
        }
        throw ScenarioException.input(v.pos(), "expected a MAC address, found " + describe(v));
    }

    /** An address and port. */
    record Endpoint(Ipv4Addr address, int port) {
        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    Endpoint endpoint(Value v) {
        v = resolve(v);
        if (v instanceof Value.Endpoint e) {
            int colon = e.text().lastIndexOf(':');
            return new Endpoint(Ipv4Addr.parse(e.text().substring(0, colon)), Integer.parseInt(e.text().substring(colon + 1)));
        }
        throw ScenarioException.input(v.pos(), "expected an address and port (10.0.0.1:80), found " + describe(v));
    }

    /** An address with its prefix length. */
    record Prefix(Ipv4Addr address, int length) { }

    Prefix prefix(Value v) {
        v = resolve(v);
        if (v instanceof Value.Prefix p) {
            int slash = p.text().indexOf('/');
            return new Prefix(Ipv4Addr.parse(p.text().substring(0, slash)), Integer.parseInt(p.text().substring(slash + 1)));
        }
        throw ScenarioException.input(v.pos(), "expected an address with a prefix length (10.0.0.1/24), found " + describe(v));
    }

    /** A word: a bare name that is not a constant, or a string. */
    String word(Value v) {
        v = resolve(v);
        return switch (v) {
            case Value.Name n -> n.name();
            case Value.Str s -> s.text();
            case Value.Bool b -> b.value() ? "TRUE" : "FALSE";
            default -> throw ScenarioException.input(v.pos(), "expected a name, found " + describe(v));
        };
    }

    /** Bytes from {@code 0x...}, a string's UTF-8, or {@code n} zero bytes from a number. */
    byte[] data(Value v) {
        v = resolve(v);
        return switch (v) {
            case Value.Bytes b -> HexFormat.of().parseHex(b.text().substring(2));
            case Value.Str s -> s.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case Value.Num n -> new byte[(int) integer(n, 0, 1 << 24, "a byte count")];
            default -> throw ScenarioException.input(v.pos(), "expected data: a byte count, a string or 0x bytes, found " + describe(v));
        };
    }

    static String describe(Value v) {
        return switch (v) {
            case Value.Num n -> n.value().toPlainString();
            case Value.Quantity q -> q.amount().toPlainString() + q.unit();
            case Value.Str s -> "\"" + s.text() + "\"";
            case Value.Bool b -> b.value() ? "TRUE" : "FALSE";
            case Value.Ipv4 a -> a.text();
            case Value.Prefix p -> p.text();
            case Value.Endpoint e -> e.text();
            case Value.Mac m -> m.text();
            case Value.Bytes b -> b.text();
            case Value.Name n -> n.name();
            case Value.Ref r -> Observables.show(r.path());
            case Value.RecordOf r -> "a record";
            case Value.SequenceOf s -> "a sequence";
            case Value.SetOf s -> "a set";
        };
    }

    static BigDecimal ns(long ns) {
        return BigDecimal.valueOf(ns);
    }

    static Pos pos(Value v) {
        return v.pos();
    }
}
