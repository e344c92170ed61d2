package dev.netspec.tcp;

import static dev.netspec.tcp.TcpState.CLOSED;
import static dev.netspec.tcp.TcpState.CLOSE_WAIT;
import static dev.netspec.tcp.TcpState.CLOSING;
import static dev.netspec.tcp.TcpState.ESTABLISHED;
import static dev.netspec.tcp.TcpState.FIN_WAIT_1;
import static dev.netspec.tcp.TcpState.FIN_WAIT_2;
import static dev.netspec.tcp.TcpState.LAST_ACK;
import static dev.netspec.tcp.TcpState.LISTEN;
import static dev.netspec.tcp.TcpState.SYN_RECEIVED;
import static dev.netspec.tcp.TcpState.SYN_SENT;
import static dev.netspec.tcp.TcpState.TIME_WAIT;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The legal state changes of a TCP connection as data: every edge of RFC 9293 Figure 5, plus the
 * edges that only the text of section 3.10 gives (resets, aborts, timeouts). Each edge maps to
 * where it comes from. {@link Tcb} refuses any change not listed here, and tests check recorded
 * runs against this table.
 */
public final class TcpDiagram {
  private TcpDiagram() {}

  /** One directed edge. */
  public record Edge(TcpState from, TcpState to) {}

  /** Edge to its source in RFC 9293 (Figure 5 or the section of the text). */
  public static final Map<Edge, String> EDGES;

  static {
    Map<Edge, String> e = new LinkedHashMap<>();
    // ---- Figure 5, the diagram itself
    e.put(new Edge(CLOSED, LISTEN), "Fig. 5: passive OPEN, create TCB");
    e.put(new Edge(CLOSED, SYN_SENT), "Fig. 5: active OPEN, create TCB, snd SYN");
    e.put(new Edge(LISTEN, CLOSED), "Fig. 5: CLOSE, delete TCB");
    e.put(new Edge(LISTEN, SYN_RECEIVED), "Fig. 5: rcv SYN, snd SYN,ACK");
    e.put(new Edge(LISTEN, SYN_SENT), "Fig. 5: SEND, snd SYN");
    e.put(new Edge(SYN_SENT, CLOSED), "Fig. 5: CLOSE, delete TCB");
    e.put(new Edge(SYN_SENT, SYN_RECEIVED), "Fig. 5: rcv SYN, snd SYN,ACK (simultaneous open)");
    e.put(new Edge(SYN_SENT, ESTABLISHED), "Fig. 5: rcv SYN,ACK, snd ACK");
    e.put(new Edge(SYN_RECEIVED, ESTABLISHED), "Fig. 5: rcv ACK of SYN");
    e.put(new Edge(SYN_RECEIVED, FIN_WAIT_1), "Fig. 5: CLOSE, snd FIN");
    e.put(new Edge(ESTABLISHED, FIN_WAIT_1), "Fig. 5: CLOSE, snd FIN");
    e.put(new Edge(ESTABLISHED, CLOSE_WAIT), "Fig. 5: rcv FIN, snd ACK");
    e.put(new Edge(FIN_WAIT_1, FIN_WAIT_2), "Fig. 5: rcv ACK of FIN");
    e.put(new Edge(FIN_WAIT_1, CLOSING), "Fig. 5: rcv FIN, snd ACK (simultaneous close)");
    e.put(new Edge(FIN_WAIT_2, TIME_WAIT), "Fig. 5: rcv FIN, snd ACK");
    e.put(new Edge(CLOSING, TIME_WAIT), "Fig. 5: rcv ACK of FIN");
    e.put(new Edge(CLOSE_WAIT, LAST_ACK), "Fig. 5: CLOSE, snd FIN");
    e.put(new Edge(LAST_ACK, CLOSED), "Fig. 5: rcv ACK of FIN");
    e.put(new Edge(TIME_WAIT, CLOSED), "Fig. 5: Timeout=2MSL, delete TCB");
    // ---- the text of section 3.10
    e.put(new Edge(FIN_WAIT_1, TIME_WAIT),
        "3.10.7.4 eighth step: FIN arrives in FIN-WAIT-1 and our FIN is acknowledged");
    e.put(new Edge(SYN_RECEIVED, LISTEN),
        "3.10.7.4 second step (RST) and fourth step (SYN): passively opened, return to LISTEN");
    e.put(new Edge(SYN_RECEIVED, CLOSE_WAIT),
        "3.10.7.4 eighth step: FIN in SYN-RECEIVED enters CLOSE-WAIT");
    e.put(new Edge(SYN_RECEIVED, CLOSED),
        "3.10.7.4 second step: RST on an actively opened connection; 3.10.5 ABORT; 3.10.8");
    e.put(new Edge(ESTABLISHED, CLOSED), "3.10.7.4 RST; 3.10.5 ABORT; 3.10.8 timeout");
    e.put(new Edge(FIN_WAIT_1, CLOSED), "3.10.7.4 RST; 3.10.5 ABORT; 3.10.8 timeout");
    e.put(new Edge(FIN_WAIT_2, CLOSED), "3.10.7.4 RST; 3.10.5 ABORT; 3.10.8 timeout");
    e.put(new Edge(CLOSE_WAIT, CLOSED), "3.10.7.4 RST; 3.10.5 ABORT; 3.10.8 timeout");
    e.put(new Edge(CLOSING, CLOSED), "3.10.7.4 second step: RST; 3.10.5 ABORT; 3.10.8");
    e.merge(new Edge(LAST_ACK, CLOSED), "3.10.7.4 second step: RST; 3.10.5 ABORT; 3.10.8",
        (fig, text) -> fig + "; also " + text);
    EDGES = Collections.unmodifiableMap(e);
  }

  public static boolean isEdge(TcpState from, TcpState to) {
    return EDGES.containsKey(new Edge(from, to));
  }
}
