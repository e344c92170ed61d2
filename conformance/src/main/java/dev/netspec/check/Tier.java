package dev.netspec.check;

/** How costly a configuration is: {@code small} ones run in every test run, {@code deep} ones on request. */
public enum Tier {
    SMALL, DEEP;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
