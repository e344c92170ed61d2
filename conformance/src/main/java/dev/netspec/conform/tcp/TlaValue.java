package dev.netspec.conform.tcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TLA+ values TLC prints for Tcp's variables, parsed: integers, strings, booleans, sequences
 * {@code <<...>>}, records and functions over strings {@code [f |-> v, ...]} or
 * {@code ("A" :> v @@ "B" :> w)}, and sets {@code {...}} (kept as lists).
 */
sealed interface TlaValue {
    record Int(long value) implements TlaValue {}

    record Str(String value) implements TlaValue {}

    record Bool(boolean value) implements TlaValue {}

    record Seq(List<TlaValue> items) implements TlaValue {}

    record Rec(Map<String, TlaValue> fields) implements TlaValue {
        TlaValue get(String f) {
            TlaValue v = fields.get(f);
            if (v == null) {
                throw new IllegalArgumentException("no field " + f + " in " + fields.keySet());
            }
            return v;
        }
    }

    static TlaValue parse(String text) {
        Parser p = new Parser(text);
        TlaValue v = p.value();
        p.skip();
        if (p.i != text.length()) {
            throw new IllegalArgumentException("unexpected text at " + p.i + " in " + text);
        }
        return v;
    }

    default long asInt() {
        if (this instanceof Int n) {
            return n.value();
        }
        throw new IllegalArgumentException("not a number: " + this);
    }

    default boolean asBool() {
        if (this instanceof Bool b) {
            return b.value();
        }
        throw new IllegalArgumentException("not a boolean: " + this);
    }

    default String asStr() {
        if (this instanceof Str s) {
            return s.value();
        }
        throw new IllegalArgumentException("not a string: " + this);
    }

    default List<TlaValue> asSeq() {
        if (this instanceof Seq s) {
            return s.items();
        }
        throw new IllegalArgumentException("not a sequence: " + this);
    }

    default Rec asRec() {
        if (this instanceof Rec r) {
            return r;
        }
        throw new IllegalArgumentException("not a record: " + this);
    }

    final class Parser {
        private final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean eat(String t) {
            skip();
            if (s.startsWith(t, i)) {
                i += t.length();
                return true;
            }
            return false;
        }

        private void expect(String t) {
            if (!eat(t)) {
                throw new IllegalArgumentException("expected '" + t + "' at " + i + " in " + s);
            }
        }

        TlaValue value() {
            skip();
            if (eat("<<")) {
                List<TlaValue> items = new ArrayList<>();
                if (!eat(">>")) {
                    do {
                        items.add(value());
                    } while (eat(","));
                    expect(">>");
                }
                return new Seq(items);
            }
            if (eat("{")) {
                List<TlaValue> items = new ArrayList<>();
                if (!eat("}")) {
                    do {
                        items.add(value());
                    } while (eat(","));
                    expect("}");
                }
                return new Seq(items);
            }
            if (eat("[")) {
                Map<String, TlaValue> f = new LinkedHashMap<>();
                do {
                    skip();
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i))
                            || s.charAt(i) == '_')) {
                        i++;
                    }
                    String name = s.substring(start, i);
                    expect("|->");
                    f.put(name, value());
                } while (eat(","));
                expect("]");
                return new Rec(f);
            }
            if (eat("(")) {
                Map<String, TlaValue> f = new LinkedHashMap<>();
                do {
                    String k = value().asStr();
                    expect(":>");
                    f.put(k, value());
                } while (eat("@@"));
                expect(")");
                return new Rec(f);
            }
            if (eat("\"")) {
                int start = i;
                while (i < s.length() && s.charAt(i) != '"') {
                    i++;
                }
                String v = s.substring(start, i);
                expect("\"");
                return new Str(v);
            }
            if (eat("TRUE")) {
                return new Bool(true);
            }
            if (eat("FALSE")) {
                return new Bool(false);
            }
            int start = i;
            if (i < s.length() && s.charAt(i) == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("unexpected text at " + i + " in " + s);
            }
            return new Int(Long.parseLong(s.substring(start, i)));
        }
    }
}
