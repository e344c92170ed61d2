package dev.netspec.trace;

/**
 * One shared copy of each name (field names, labels, units): they repeat on every line of a
 * recording. Unlike a {@code HashMap<String, String>}, a name can be looked up by its range
 * in the source text, so a name already seen costs no new {@code String} at all.
 */
final class Names {
    private String[] table = new String[256];
    private int size;

    /** The shared copy of {@code name}. */
    String intern(String name) {
        return intern(name, 0, name.length(), name.hashCode());
    }

    /** The shared copy of {@code text[start, end)}, creating it only the first time. */
    String intern(String text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i); // String.hashCode's formula, so both entry points agree
        }
        return intern(text, start, end, h);
    }

    private String intern(String text, int start, int end, int hash) {
        int mask = table.length - 1;
        int len = end - start;
        for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
            String known = table[slot];
            if (known == null) {
                String name = start == 0 && end == text.length() ? text : text.substring(start, end);
                table[slot] = name;
                if (++size * 2 > table.length) {
                    grow();
                }
                return name;
            }
            if (known.length() == len && known.hashCode() == hash && text.regionMatches(start, known, 0, len)) {
                return known;
            }
        }
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }

    private void grow() {
        String[] old = table;
        table = new String[old.length * 2];
        int mask = table.length - 1;
        for (String name : old) {
            if (name != null) {
                int slot = mix(name.hashCode()) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = name;
            }
        }
    }
}
