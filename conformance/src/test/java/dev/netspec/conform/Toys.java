package dev.netspec.conform;

import dev.netspec.trace.ast.Pos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The toy module of src/test/resources/conform/spec and helpers to write its traces. */
public final class Toys {
    private Toys() {
    }

    public static Path specDir() {
        return Path.of(System.getProperty("netspec.root", ".."), "conformance", "src", "test", "resources", "conform",
                "spec").toAbsolutePath().normalize();
    }

    /** A trace from "label field=value field=value" lines. */
    static RecordedTrace trace(String name, String max, String... steps) {
        List<RecordedStep> list = new ArrayList<>();
        for (String s : steps) {
            String[] parts = s.split(" (?=[a-z]+=)");
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
            list.add(new RecordedStep(list.size() + 1, list.size() * 1000L, parts[0], fields,
                    new Pos(name + ".trace", list.size() + 3, 1)));
        }
        return new RecordedTrace(name, "Toy", Map.of("Max", max), Map.of("x", "0"), list);
    }
}
