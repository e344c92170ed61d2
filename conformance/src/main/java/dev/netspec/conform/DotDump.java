package dev.netspec.conform;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state graph TLC 2.18 writes with {@code -dump dot,actionlabels FILE}: one node per distinct
 * state (initial states drawn {@code style = filled}), labelled with the state as TLC prints it, and
 * one edge per transition it explored, labelled with the name of the action that took it (the
 * operator TLC split the next-state relation into, e.g. {@code NapiPollRx}). This is how the
 * validator learns, without any newer TLC feature, which states a batch reached and which spec
 * actions are enabled in a state.
 */
record DotDump(Map<String, Map<String, String>> nodes, List<String> initial, List<Edge> edges) {

    record Edge(String from, String to, String action) {}

    private static final Pattern NODE = Pattern.compile("^(-?\\d+) \\[label=\"(.*)\"(,style = filled)?\\];?$");
    private static final Pattern EDGE = Pattern.compile("^(-?\\d+) -> (-?\\d+) \\[label=\"((?:[^\"\\\\]|\\\\.)*)\".*$");

    static DotDump read(Path file) throws IOException {
        Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        List<String> initial = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.indexOf(" -> ") > 0) {
                    Matcher e = EDGE.matcher(line);
                    if (e.matches()) {
                        edges.add(new Edge(e.group(1), e.group(2), unescape(e.group(3))));
                    }
                    continue;
                }
                Matcher n = NODE.matcher(line);
                if (n.matches()) {
                    nodes.put(n.group(1), variables(unescape(n.group(2))));
                    if (n.group(3) != null) {
                        initial.add(n.group(1));
                    }
                }
            }
        }
        return new DotDump(nodes, initial, edges);
    }

    /** Undoes the dot writer's escaping of backslashes, quotes and line breaks. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                b.append(d == 'n' ? '\n' : d);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** "/\ v = value" lines (a value may continue on indented lines); a lone "v = value" for one variable. */
    static Map<String, String> variables(String state) {
        Map<String, String> vars = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String raw : state.split("\n")) {
            String line = raw.startsWith("/\\ ") ? raw.substring(3) : null;
            if (line == null && name != null) {
                value.append(' ').append(raw.strip());
                continue;
            }
            if (line == null) {
                line = raw;
            }
            int eq = line.indexOf(" = ");
            if (eq < 0) {
                continue;
            }
            if (name != null) {
                vars.put(name, value.toString().strip());
            }
            name = line.substring(0, eq).strip();
            value = new StringBuilder(line.substring(eq + 3));
        }
        if (name != null) {
            vars.put(name, value.toString().strip());
        }
        return vars;
    }
}
