package dev.netspec.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The expected outcome of every TLC configuration: {@code spec/manifest.tsv}.
 *
 * <p>Format: UTF-8 text, one row per configuration, five tab-separated columns
 * {@code module config tier expected states}. Lines that are blank or start with {@code #} are comments.
 * {@code tier} is {@code small} or {@code deep}; {@code expected} is {@code pass}, {@code deadlock} or
 * {@code violates <Property>}; {@code states} is a distinct-state count or {@code -}. A configuration may
 * be listed once only. Any other text is an error reported as {@code file:line: message}.
 */
public final class Manifest {

    /** TLA+ identifiers as module, configuration and property names use them. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,18}");

    private final Path file;
    private final List<ManifestEntry> entries;

    private Manifest(Path file, List<ManifestEntry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    public Path file() {
        return file;
    }

    /** Every row, in file order. */
    public List<ManifestEntry> entries() {
        return entries;
    }

    /**
     * The rows to check: the {@code small} tier, plus {@code deep} when {@code deep}; then, when
     * {@code names} is not empty, only rows that some name matches. A name matches a row when it equals
     * the row's module name or is a substring of its configuration name, ignoring case: {@code napi}
     * selects {@code MC_RxPath_napi}, {@code RxPath} every configuration of module RxPath.
     *
     * @throws IllegalArgumentException when a name matches no row of the selected tiers
     */
    public List<ManifestEntry> select(boolean deep, List<String> names) {
        List<ManifestEntry> tiered = entries.stream().filter(e -> deep || e.tier() == Tier.SMALL).toList();
        if (names.isEmpty()) {
            return tiered;
        }
        for (String name : names) {
            if (tiered.stream().noneMatch(e -> matches(e, name))) {
                boolean deepOnly = entries.stream().anyMatch(e -> matches(e, name));
                throw new IllegalArgumentException("no configuration in " + file + " matches '" + name + "'"
                        + (deepOnly ? " among the small ones (it names a deep configuration: add --deep)" : ""));
            }
        }
        return tiered.stream().filter(e -> names.stream().anyMatch(n -> matches(e, n))).toList();
    }

    static boolean matches(ManifestEntry e, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return e.module().equalsIgnoreCase(name) || e.config().toLowerCase(Locale.ROOT).contains(n);
    }

    /** Reads and validates {@code file}; the first malformed row stops the read. */
    public static Manifest read(Path file) throws ManifestException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ManifestException(file + ": manifest not found");
        } catch (IOException e) {
            throw new ManifestException(file + ": cannot read manifest: " + e.getMessage());
        }
        return parse(file, text);
    }

    /** Parses manifest text; {@code file} is used for positions in entries and messages only. */
    public static Manifest parse(Path file, String text) throws ManifestException {
        List<ManifestEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 5) {
                throw error(file, lineNo, "expected 5 tab-separated columns (module, config, tier, expected, states), found "
                        + cells.length + (cells.length == 1 ? " (columns must be separated by tabs, not spaces)" : ""));
            }
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c].strip();
            }
            String module = name(file, lineNo, "module", cells[0]);
            String config = name(file, lineNo, "config", cells[1]);
            Tier tier = switch (cells[2]) {
                case "small" -> Tier.SMALL;
                case "deep" -> Tier.DEEP;
                default -> throw error(file, lineNo, "tier must be 'small' or 'deep', found '" + cells[2] + "'");
            };
            Expected expected = expected(file, lineNo, cells[3]);
            OptionalLong states;
            if (cells[4].equals("-")) {
                states = OptionalLong.empty();
            } else if (COUNT.matcher(cells[4]).matches()) {
                states = OptionalLong.of(Long.parseLong(cells[4]));
            } else {
                throw error(file, lineNo, "states must be a distinct-state count or '-', found '" + cells[4] + "'");
            }
            Integer earlier = seen.putIfAbsent(config.toLowerCase(Locale.ROOT), lineNo);
            if (earlier != null) {
                throw error(file, lineNo, "config " + config + " is already listed at line " + earlier);
            }
            entries.add(new ManifestEntry(module, config, tier, expected, states, file, lineNo));
        }
        return new Manifest(file, entries);
    }

    private static Expected expected(Path file, int line, String cell) throws ManifestException {
        if (cell.equals("pass")) {
            return new Expected.Pass();
        }
        if (cell.equals("deadlock")) {
            return new Expected.Deadlock();
        }
        String[] words = cell.split("\\s+");
        if (words[0].equals("violates")) {
            if (words.length != 2 || !NAME.matcher(words[1]).matches()) {
                throw error(file, line, "'violates' must be followed by exactly one property name, found '" + cell + "'");
            }
            return new Expected.Violates(words[1]);
        }
        throw error(file, line, "expected must be 'pass', 'deadlock' or 'violates <Property>', found '" + cell + "'");
    }

    private static String name(Path file, int line, String column, String cell) throws ManifestException {
        if (!NAME.matcher(cell).matches()) {
            throw error(file, line, column + " must be a TLA+ name (letters, digits, _), found '" + cell + "'");
        }
        return cell;
    }

    private static ManifestException error(Path file, int line, String message) {
        return new ManifestException(file + ":" + line + ": " + message);
    }
}
