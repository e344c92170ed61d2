package dev.netspec.conform.tcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary of {@code spec/Tcp.tla} on the Java side: its endpoints, its ISN abstraction,
 * its constants with the defaults conformance runs use, and its TCB records as TLA+ text.
 */
public final class TcpModel {
    private TcpModel() {
    }

    public static final String MODULE = "Tcp";
    /** The model's two endpoints. */
    public static final List<String> ENDS = List.of("A", "B");

    /**
     * Every constant of Tcp with the value used when a scenario does not bind it: one connection
     * per end, room for a few segments in flight, small loss and duplication budgets (the network
     * of a scenario loses and duplicates little), any user behaviour.
     */
    public static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("MaxData", "2");
        m.put("Senders", "{\"A\", \"B\"}");
        m.put("MaxOpens", "1");
        m.put("ChanBound", "4");
        m.put("MaxLoss", "1");
        m.put("MaxDup", "1");
        m.put("Window", "4");
        m.put("OldDupSyn", "FALSE");
        m.put("OrderlyUsers", "FALSE");
        m.put("Mutant", "\"none\"");
        return m;
    }

    /** Tcp's {@code Stride == MaxData + 3}. */
    public static int stride(int maxData) {
        return maxData + 3;
    }

    /** Tcp's {@code IssOf(e, k)}: the ISS of incarnation {@code k} of endpoint {@code e}. */
    public static int issOf(String e, int k, int maxData) {
        return ("A".equals(e) ? 0 : 2) + (k - 1) * stride(maxData);
    }

    /** The other end. */
    public static String peer(String e) {
        return "A".equals(e) ? "B" : "A";
    }

    /**
     * A TCB as Tcp's {@code Tcbs} record: sequence numbers already in the model's numbering
     * (relative to the abstract ISS and IRS).
     */
    public record AbstractTcb(boolean passive, int opens, int iss, int irs, int sndUna, int sndNxt,
            int rcvNxt, int queued, List<Integer> rcvd) {
        public AbstractTcb {
            rcvd = List.copyOf(rcvd);
        }

        /** Tcp's {@code NoTcb(opens)}. */
        public static AbstractTcb none(int opens) {
            return new AbstractTcb(false, opens, 0, 0, 0, 0, 0, 0, List.of());
        }

        /** Tcp's {@code ListenTcb(opens, iss)}. */
        public static AbstractTcb listening(int opens, int iss) {
            return new AbstractTcb(true, opens, iss, 0, 0, 0, 0, 0, List.of());
        }

        public AbstractTcb withSndNxt(int v) {
            return new AbstractTcb(passive, opens, iss, irs, sndUna, v, rcvNxt, queued, rcvd);
        }

        public AbstractTcb withQueued(int v) {
            return new AbstractTcb(passive, opens, iss, irs, sndUna, sndNxt, rcvNxt, v, rcvd);
        }

        public AbstractTcb withReceive(int rcvNxtValue, List<Integer> rcvdValue) {
            return new AbstractTcb(passive, opens, iss, irs, sndUna, sndNxt, rcvNxtValue, queued,
                    rcvdValue);
        }

        public String toTla() {
            List<String> r = new ArrayList<>();
            for (int x : rcvd) {
                r.add(Integer.toString(x));
            }
            return "[passive |-> " + (passive ? "TRUE" : "FALSE") + ", opens |-> " + opens
                    + ", iss |-> " + iss + ", irs |-> " + irs + ", sndUna |-> " + sndUna
                    + ", sndNxt |-> " + sndNxt + ", rcvNxt |-> " + rcvNxt + ", queued |-> " + queued
                    + ", rcvd |-> <<" + String.join(", ", r) + ">>]";
        }
    }

    /** A function over the ends as TLA+ text: {@code [A |-> a, B |-> b]}. */
    public static String perEnd(String a, String b) {
        return "[A |-> " + a + ", B |-> " + b + "]";
    }

    /** A string as a TLA+ literal. */
    public static String str(String s) {
        return "\"" + s + "\"";
    }
}
